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
scripts/sync-env.sh

# --wait returns once every service is running and healthy, in the depends_on order the healthchecks enforce.
docker compose up -d --build --wait --wait-timeout "${STACK_WAIT_TIMEOUT:-600}"

# Read values the way Compose does (process env, then .env, then .env.example), without sourcing .env: values such
# as KAFKA_BROKER_HEAP="-Xms512m -Xmx512m" are not shell syntax.
value() {
  local name=$1 line
  if [ -n "${!name:-}" ]; then printf '%s' "${!name}"; return; fi
  for file in .env .env.example; do
    line=$(grep -E "^${name}=" "$file" 2>/dev/null | tail -n 1) || true
    if [ -n "$line" ]; then
      line=${line#*=}; line=${line%\"}; line=${line#\"}; line=${line%\'}; line=${line#\'}
      printf '%s' "$line"; return
    fi
  done
}
echo
echo "Stack '$(value COMPOSE_PROJECT_NAME)' is healthy."
echo "  Panel:            http://127.0.0.1:$(value PANEL_PORT)"
echo "  Kafka (host):     localhost:$(value KAFKA_HOST_PORT)"
echo "  Schema Registry:  http://localhost:$(value SCHEMA_REGISTRY_HOST_PORT)"
echo "  Kafka Connect:    http://localhost:$(value CONNECT_HOST_PORT)"
echo "  ClickHouse HTTP:  http://localhost:$(value CLICKHOUSE_HTTP_HOST_PORT)"
