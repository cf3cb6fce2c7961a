#!/usr/bin/env bash
# `pnpm start`: bring up the whole stack and the panel with Docker Compose, and wait until every service is healthy.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! docker info >/dev/null 2>&1; then
  echo "Docker is not reachable. Start Docker Desktop / the Docker daemon, then run 'pnpm start' again." >&2
  exit 1
fi
if ! docker compose version >/dev/null 2>&1; then
  echo "The Docker Compose v2 plugin ('docker compose') is missing. Install Docker Compose v2.20 or newer." >&2
  exit 1
fi
if [ ! -f .env ]; then
  cp .env.example .env
  echo "Created .env from .env.example (local defaults; edit it to change ports or credentials)."
fi

# --wait returns once every service is running and healthy, in the depends_on order the healthchecks enforce.
docker compose up -d --build --wait --wait-timeout "${STACK_WAIT_TIMEOUT:-600}"

set -a; . ./.env; set +a
echo
echo "Stack '${COMPOSE_PROJECT_NAME:-pipeline}' is healthy."
echo "  Panel:            http://127.0.0.1:${PANEL_PORT:-8420}"
echo "  Kafka (host):     localhost:${KAFKA_HOST_PORT:-9094}"
echo "  Schema Registry:  http://localhost:${SCHEMA_REGISTRY_PORT:-8081}"
echo "  Kafka Connect:    http://localhost:${CONNECT_PORT:-8083}"
echo "  ClickHouse HTTP:  http://localhost:${CLICKHOUSE_HTTP_PORT:-8123}"
