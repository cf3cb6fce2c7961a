#!/usr/bin/env bash
# `pnpm test`: the full suite — unit, integration, browser, sink, fuzz, cluster and stack tiers.
# The integration and browser tiers start real services themselves (e2e/harness: Kafka + Connect from the Apache jars,
# Apicurio Registry, ClickHouse's engine via chdb) and drive a real Docker Engine. A tier whose prerequisite is missing
# on this machine says so in one line and is skipped; CI (.ci/run) installs every prerequisite so nothing is skipped
# there except the sink tier (the sink's release zip is not on a package registry: HARNESS_CONNECT_PLUGINS gives it)
# and the stack tier, which needs an image registry.
set -euo pipefail
cd "$(dirname "$0")/.."

started_at=$(date +%s)
step() { printf "\n\033[1m== %s ==\033[0m (%ss since start)\n" "$*" "$(( $(date +%s) - started_at ))"; }
harness() { pnpm --filter @pipeline-panel/e2e exec tsx harness/cli.ts "$@"; }

# Every tier's output also goes to one log, so the last line can total what all the runners counted.
log=$(mktemp -t pipeline-panel-tests.XXXXXX)
tier() { "$@" 2>&1 | tee -a "$log"; }

# nginx and openssl make the harness's secure front (either mode); without them its tests skip in one line.
secure_front() { { command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; } && command -v openssl >/dev/null; }

step "install"
pnpm install --frozen-lockfile

step "typecheck"
pnpm -r typecheck

step "lint (ESLint with the import boundaries, Prettier)"
pnpm lint

step "unit tier"
tier pnpm test:unit

missing=""
command -v java >/dev/null || missing="$missing java"
command -v mvn >/dev/null || missing="$missing mvn"
if [ -n "$missing" ]; then
  echo "integration and browser tiers skipped: missing prerequisite(s):$missing (the harness runs Kafka, Connect and Apicurio from Maven Central jars)"
else
  step "build the panel UI (served by the browser tier)"
  pnpm --filter @pipeline-panel/web build

  step "start the test harness (Kafka, Connect, registry, ClickHouse engine)"
  harness prepare
  # --secure adds the SASL_SSL listener, nginx (TLS + basic auth) and ClickHouse HTTPS that integration/secure.test.ts
  # uses; the same start serves every tier. Without nginx or openssl that file skips in one line.
  if secure_front; then
    harness up --secure
  else
    echo "secure harness front skipped: nginx or openssl missing (CI installs nginx-light); the secure integration tests skip"
    harness up
  fi
  trap 'harness down || true' EXIT

  step "integration tier"
  tier pnpm test:integration

  step "browser tier"
  tier pnpm test:browser

  # The official ClickHouse sink on the harness worker; skips in one line unless HARNESS_CONNECT_PLUGINS gives it.
  step "sink tier"
  tier pnpm test:sink

  step "fuzz tier (schemathesis against the panel's OpenAPI document)"
  tier pnpm test:fuzz

  harness down
  trap - EXIT

  # Three brokers and two Connect workers, started once (after the single-node harness is down: JVMs on 2 cores)
  # for every file of the tier; each file brings back what it stopped.
  step "start the cluster harness (3 KRaft brokers, 2 Connect workers, registry, ClickHouse engine)"
  # --secure: every broker's SASL_SSL listener, nginx before the registry and both workers, ClickHouse HTTPS
  # (cluster/cluster-secure.test.ts); the plaintext endpoints stay for the other cluster files.
  if secure_front; then
    harness up --cluster --secure
  else
    echo "secure cluster front skipped: nginx or openssl missing; cluster/cluster-secure.test.ts skips"
    harness up --cluster
  fi
  trap 'harness down --cluster || true' EXIT

  step "cluster tier (multi-node views: a broker stopped, a Connect worker killed)"
  tier pnpm test:cluster

  harness down --cluster
  trap - EXIT
fi

step "stack tier"
tier pnpm test:stack

bash scripts/test-totals.sh "$log"
echo "pnpm test took $(( $(date +%s) - started_at ))s"
