#!/usr/bin/env bash
# `pnpm cluster [compose args]`: the cluster profile (docker-compose.cluster.yml) as its own Compose project.
# Without arguments it starts the cluster and waits until every service is healthy; any arguments go to
# `docker compose` for that project instead (`pnpm cluster ps`, `pnpm cluster logs -f connect-1`, `pnpm cluster down -v`).
set -euo pipefail
cd "$(dirname "$0")/.."

# The file says `name: pipeline-cluster`, but COMPOSE_PROJECT_NAME in .env (the single-node project) would win over it.
project=pipeline-cluster
# .env.example first, then .env on top: an .env written before the cluster block existed still gets its defaults.
env_files=(--env-file .env.example)
[ -f .env ] && env_files+=(--env-file .env)
compose() { docker compose -p "$project" -f docker-compose.cluster.yml "${env_files[@]}" "$@"; }

if ! docker info >/dev/null 2>&1; then
  echo "Docker is not reachable. Start Docker Desktop / the Docker daemon, then run 'pnpm cluster' again." >&2
  exit 1
fi
if ! docker compose version >/dev/null 2>&1; then
  echo "The Docker Compose v2 plugin ('docker compose') is missing. Install Docker Compose v2.20 or newer." >&2
  exit 1
fi

if [ $# -gt 0 ]; then
  compose "$@"
  exit
fi

compose up -d --build --wait --wait-timeout "${STACK_WAIT_TIMEOUT:-900}"

# Published addresses as Compose set them up (not by sourcing .env: its heap values contain spaces).
addr() { compose port "$1" "$2" | sed 's/^127\.0\.0\.1/localhost/'; }
brokers="$(addr kafka-1 9094),$(addr kafka-2 9094),$(addr kafka-3 9094)"
registry="http://$(addr schema-registry 8081)"
connect="http://$(addr connect-1 8083)"
clickhouse="http://$(addr clickhouse-1 8123)"
echo
echo "Cluster '${project}' is healthy."
echo "  Kafka (host):     ${brokers}"
echo "  Schema Registry:  ${registry}"
echo "  Kafka Connect:    ${connect}, http://$(addr connect-2 8083)"
echo "  ClickHouse HTTP:  ${clickhouse} (clickhouse-1), http://$(addr clickhouse-2 8123) (clickhouse-2)"
echo "The panel on the host, pointed at the cluster (README \"Cluster profile\"):"
echo "  COMPOSE_PROJECT_NAME=${project} PANEL_COMPOSE_FILE=docker-compose.cluster.yml PANEL_KAFKA_BROKERS=${brokers} \\"
echo "  PANEL_SCHEMA_REGISTRY_URL=${registry} PANEL_CONNECT_URL=${connect} PANEL_CLICKHOUSE_URL=${clickhouse} pnpm dev"
