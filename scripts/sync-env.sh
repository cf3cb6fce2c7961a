#!/usr/bin/env bash
# Creates .env from .env.example, or appends to an existing .env the variables .env.example gained since it was
# written: docker-compose.yml has no fallbacks, so a variable missing from .env would reach a service blank.
# Values already in .env are never changed. Run from the repository root (scripts/start.sh does).
set -euo pipefail

if [ ! -f .env ]; then
  cp .env.example .env
  echo "Created .env from .env.example (local defaults; edit it to change ports or credentials)."
  exit 0
fi

missing=()
while IFS= read -r line; do
  name=${line%%=*}
  grep -qE "^${name}=" .env || missing+=("$line")
done < <(grep -E '^[A-Z][A-Z0-9_]*=' .env.example)

[ ${#missing[@]} -eq 0 ] && exit 0
# A .env without a final newline would glue the first appended line to its last one.
[ -n "$(tail -c 1 .env)" ] && echo >> .env
{
  echo "# Added by 'pnpm start' on $(date -u +%Y-%m-%d) from .env.example (new settings, defaults; see .env.example)"
  printf '%s\n' "${missing[@]}"
} >> .env
echo "Added to .env the settings .env.example has and it lacked (defaults): ${missing[*]%%=*}"
