#!/usr/bin/env bash
# Totals the counts printed by node's test runner (TAP "# pass N" or spec "ℹ pass N") and Playwright ("N passed")
# in a test log, and prints them as one closing line: "total: N passed, N failed, N skipped".
set -euo pipefail
awk '
  { sub(/\r$/, ""); sub(/^[^ ]+ test:[a-z]+: /, "") }  # pnpm -r prefixes each line with "<package> <script>: "
  /^(# |ℹ )pass [0-9]+$/    { pass += $3 }
  /^(# |ℹ )fail [0-9]+$/    { fail += $3 }
  /^(# |ℹ )skipped [0-9]+$/ { skip += $3 }
  /^ +[0-9]+ passed/        { pass += $1 }
  /^ +[0-9]+ failed/        { fail += $1 }
  /^ +[0-9]+ skipped/       { skip += $1 }
  /^ +[0-9]+ flaky/         { pass += $1 }
  /^# stack tier skipped:/  { skip += 1 }
  /^# sink tier skipped:/   { skip += 1 }
  END { printf "total: %d passed, %d failed, %d skipped\n", pass, fail, skip }
' "$1"
