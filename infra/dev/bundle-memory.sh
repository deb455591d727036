#!/usr/bin/env bash
# Measures what `smp audit verify` needs to check a large bundle: starts the run command on its own data folder,
# writes one trainee's history of DOTS dots (default 100,000) through the HTTP API, exports that trainee's bundle
# as an auditor, then verifies it under /usr/bin/time -v and prints the peak memory and the time.
#   bash infra/dev/bundle-memory.sh [DOTS]
set -euo pipefail
cd "$(dirname "$0")/../.."
dots=${1:-100000}
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
data=$(mktemp -d); chmod 755 "$data"
log=$(mktemp)
url=http://127.0.0.1:${SMP_MEASURE_PORT:-5097}
cleanup() { [ -n "${pid:-}" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$data" "$log"; }
trap cleanup EXIT

Smp__DataDirectory="$data" Orleans__SiloPort=11311 Orleans__GatewayPort=30200 SMP_URLS="$url" bash infra/dev/run.sh >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 180); do grep -q "SmpAcademy is running" "$log" && break; sleep 1; done
grep -q "SmpAcademy is running" "$log" || { cat "$log"; echo "the server did not start" >&2; exit 1; }

echo "==> writing $dots dots for one trainee, exporting the bundle"
key=$(node infra/dev/bundle-memory.mjs "$url" "$dots" "$data/bundle.zip")
dotnet build src/SmpAcademy.Cli -c Release -v q -nologo >/dev/null
echo "==> smp audit verify ($(du -h "$data/bundle.zip" | cut -f1) zip)"
/usr/bin/time -v dotnet src/SmpAcademy.Cli/bin/Release/net10.0/smp.dll audit verify "$data/bundle.zip" --key "$key" 2>"$data/time.txt" | tail -n 4
grep -E "Maximum resident|Elapsed" "$data/time.txt"
