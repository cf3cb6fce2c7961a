#!/usr/bin/env bash
# Installs the Docker Compose v2 CLI plugin when `docker compose` is missing, by building the docker/compose Go module
# fetched through the Go module proxy (used on build machines whose Debian ships only docker-compose v1).
# On a normal Docker install (Docker Desktop, docker-ce + docker-compose-plugin) it does nothing.
set -euo pipefail
COMPOSE_MODULE_VERSION="${COMPOSE_MODULE_VERSION:-v5.6.0}"
PLUGIN_DIR=/usr/local/lib/docker/cli-plugins

if docker compose version >/dev/null 2>&1; then
  echo "docker compose present: $(docker compose version)"
  exit 0
fi
command -v go >/dev/null || { echo "install-compose-v2: Go is needed to build Docker Compose $COMPOSE_MODULE_VERSION" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GOTOOLCHAIN=local GOFLAGS=-mod=mod
dir=$(go mod download -json "github.com/docker/compose/v5@$COMPOSE_MODULE_VERSION" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
cp -r "$dir" "$work/src" && chmod -R u+w "$work/src"
(cd "$work/src" && go build -trimpath \
  -ldflags "-s -w -X github.com/docker/compose/v5/internal.Version=$COMPOSE_MODULE_VERSION" \
  -o "$work/docker-compose" ./cmd)
mkdir -p "$PLUGIN_DIR"
install -m 0755 "$work/docker-compose" "$PLUGIN_DIR/docker-compose"
docker compose version
