#!/usr/bin/env bash
# The main job: the SmpAcademy server (HTTP API, Orleans silo, event store). With no connection
# string it starts a private PostgreSQL under .data/ and stops it on exit; it prints its URL and
# how to sign in. Stop with Ctrl+C.
# It starts in demo mode (sign in as anyone, from this machine only); SMP_DEMO=0 turns that off, for an
# identity provider (Auth__Authority), or for the host's own accounts (with neither, the banner prints the one-time
# setup code that makes the first admin; infra/dev/admin.sh makes one from the console).
#   bash infra/dev/run.sh                       # http://127.0.0.1:5080, demo sign-in
#   SMP_DEMO=0 Auth__Authority=https://id.example SMP_URLS=http://0.0.0.0:8080 bash infra/dev/run.sh
#   ConnectionStrings__Postgres='Host=…;Username=…;Password=…;Database=…' bash infra/dev/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source infra/dev/prerequisites.sh
require_dotnet
require_postgres

echo "==> building the server"
build_log=$(mktemp)
if ! dotnet build src/SmpAcademy.Host -c Release --nologo -v quiet >"$build_log" 2>&1; then
  cat "$build_log" >&2
  echo "error: the build failed (above); nothing was started" >&2
  exit 1
fi
rm -f "$build_log"
demo=()
[ "${SMP_DEMO:-1}" = 0 ] || demo=(--demo)
exec dotnet src/SmpAcademy.Host/bin/Release/net10.0/SmpAcademy.Host.dll --urls "${SMP_URLS:-http://127.0.0.1:5080}" "${demo[@]}" "$@"
