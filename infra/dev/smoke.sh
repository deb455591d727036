#!/usr/bin/env bash
# Runs the README's run command as a newcomer would and walks the README's HTTP tour against it:
# sign in, enroll, start a session, place dots, complete, read the history; then stops the server
# and checks its private PostgreSQL stopped with it. Used by CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
data=$(mktemp -d)
chmod 755 "$data"   # the private cluster runs as the postgres user when we are root
log=$(mktemp)
url=http://127.0.0.1:${SMP_SMOKE_PORT:-5099}
cleanup() { [ -n "${pid:-}" ] && kill -TERM "$pid" 2>/dev/null || true; }
trap cleanup EXIT

Smp__DataDirectory="$data" Orleans__SiloPort=11211 Orleans__GatewayPort=30100 SMP_URLS="$url" \
  bash infra/dev/run.sh >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 180); do
  grep -q "SmpAcademy is running" "$log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "smoke: the server exited" >&2; exit 1; }
  sleep 1
done
grep -q "SmpAcademy is running" "$log" || { cat "$log"; echo "smoke: the server did not start in 180 s" >&2; exit 1; }

call() { # method path [json] → body; fails on HTTP ≥ 400
  local method=$1 path=$2 body=${3:-}
  curl -sS --fail-with-body -X "$method" "$url$path" -H "Authorization: Bearer ${token:-}" \
       -H 'Content-Type: application/json' ${body:+-d "$body"}
}
field() { grep -o "\"$1\":\"[^\"]*\"" | head -n1 | cut -d'"' -f4; }

token=$(call POST /api/dev/tokens '{"userId":"smoke","role":"trainee"}' | field token)
call POST /api/trainees/smoke/enrollment '{"programId":"smp-practitioner"}' >/dev/null
session=$(call POST /api/trainees/smoke/sessions '{"exerciseId":"depth-ladder"}' | field sessionId)
call POST "/api/sessions/$session/dots" '{"x":10,"y":10,"needle":"1RL-0.25","depthMm":0.5,"shade":0.6}' | grep -q '"sequence":1'
call POST "/api/sessions/$session/dots/batch" '[{"x":12,"y":10,"needle":"1RL-0.25","depthMm":0.5,"shade":0.6},{"x":14,"y":10,"needle":"1RL-0.25","depthMm":1.3,"shade":0.6}]' | grep -q 'blowout-risk'
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url/api/sessions/$session/dots" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"x":10,"y":500,"needle":"1RL-0.25","depthMm":0.5,"shade":0.6}')
[ "$status" = 400 ] || { echo "smoke: a dot off the skin answered $status, not 400" >&2; exit 1; }
call POST "/api/sessions/$session/complete" >/dev/null
call GET "/api/sessions/$session" | grep -q '"dotCount":3'
call GET /api/trainees/smoke/progress | grep -q '"status":"completed"'
echo "smoke: signed in, enrolled, placed 3 dots (one refused with 400), completed, read the history"

# Audit: apply to a body, sign a checkpoint, export the bundle as that body's auditor and check it offline.
call POST /api/trainees/smoke/applications '{"bodyId":"smp-guild"}' >/dev/null
token=$(call POST /api/dev/tokens '{"userId":"root","role":"admin"}' | field token)
call POST /api/audit/checkpoints >/dev/null
token=$(call POST /api/dev/tokens '{"userId":"gus","role":"auditor","body":"smp-guild"}' | field token)
call GET /api/audit/candidates/smoke/decision | grep -q '"certified":false'
call GET /api/audit/candidates/smoke/bundle >"$data/bundle.zip"
key=$(call GET /api/audit/public-key | field publicKey)
smp() { dotnet run --no-build --project src/SmpAcademy.Cli -c Release -- "$@"; }
dotnet build src/SmpAcademy.Cli -c Release -v q -nologo >/dev/null
smp audit verify "$data/bundle.zip" --key "$key" | tee "$data/verify.txt" | tail -n 3
grep -q '^VERIFIED' "$data/verify.txt" || { echo "smoke: the exported bundle did not verify" >&2; exit 1; }
printf 'garbage' | dd of="$data/bundle.zip" bs=1 seek=200 conv=notrunc status=none
if smp audit verify "$data/bundle.zip" --key "$key" >"$data/verify.txt" 2>&1; then
  cat "$data/verify.txt"; echo "smoke: a damaged bundle verified" >&2; exit 1
fi
echo "smoke: bundle exported by an auditor verified offline; a damaged copy was refused"

# The run command serves the browser consoles, with a content security policy.
curl -sS --fail "$url/" | grep -q '<title>SmpAcademy · sign in</title>' || { echo "smoke: the sign-in page is not served" >&2; exit 1; }
curl -sS --fail -o /dev/null "$url/js/trainee.js" && curl -sS --fail -o /dev/null "$url/lib/signalr/signalr.min.js" \
  || { echo "smoke: the consoles' scripts are not served" >&2; exit 1; }
curl -sS -D - -o /dev/null "$url/auditor.html" | grep -qi "^content-security-policy: default-src 'self'" || { echo "smoke: no content security policy on the pages" >&2; exit 1; }
echo "smoke: the browser consoles are served"

kill -TERM "$pid"; wait "$pid" || true; pid=
if [ -f "$data/postgres/postmaster.pid" ]; then
  cat "$log"; echo "smoke: the private PostgreSQL is still running after the server stopped" >&2; exit 1
fi
echo "smoke: the server and its private PostgreSQL stopped cleanly"
rm -rf "$data" "$log"
