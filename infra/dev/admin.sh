#!/usr/bin/env bash
# Makes an admin account of the host's own, from the server's console: for an install whose setup code is lost,
# or one provisioned by script. Same settings as run.sh (connection string, data folder); the password is read
# from standard input (typed twice, hidden, on a terminal). Stop the host first if it uses its private PostgreSQL.
#   bash infra/dev/admin.sh create root
#   printf '%s\n' "$ADMIN_PASSWORD" | ConnectionStrings__Postgres='Host=…' bash infra/dev/admin.sh create root
set -euo pipefail
cd "$(dirname "$0")/../.."
source infra/dev/prerequisites.sh
require_dotnet
require_postgres

build_log=$(mktemp)
if ! dotnet build src/SmpAcademy.Host -c Release --nologo -v quiet >"$build_log" 2>&1; then
  cat "$build_log" >&2
  echo "error: the build failed (above)" >&2
  exit 1
fi
rm -f "$build_log"
exec dotnet src/SmpAcademy.Host/bin/Release/net10.0/SmpAcademy.Host.dll admin "$@"
