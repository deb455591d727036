#!/usr/bin/env bash
# Runs every test in the solution. Installs what is missing first (PostgreSQL's server programs,
# Chromium for the browser tests, and the npm reference implementations in tests/interop); the tests
# start their own private PostgreSQL (or use $SMP_TEST_POSTGRES if you give one).
#   bash infra/dev/test.sh [extra dotnet test arguments, e.g. --filter Category!=Slow]
set -euo pipefail
cd "$(dirname "$0")/../.."
source infra/dev/prerequisites.sh
require_dotnet
require_postgres
require_chromium
require_interop

echo "==> dotnet test SmpAcademy.sln"
log=$(mktemp)
set +e
dotnet test SmpAcademy.sln -c Release --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test projects, e.g. "tests: 96 passed, 0 failed, 0 skipped".
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s; if (p == 0) exit 1 }' "$log" || {
  echo "error: no test ran" >&2; status=1; }
rm -f "$log"
exit "$status"
