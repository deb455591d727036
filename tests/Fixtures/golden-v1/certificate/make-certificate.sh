#!/usr/bin/env bash
# The certificate part of golden-v1. The real program (smp-practitioner) needs 90 h of wall-clock practice,
# thousands of dots and 6 sign-offs, so a certificate cannot be earned through the API in a short history.
# This writes one the way the release's own tests do (tests/SmpAcademy.Host.Tests/Certificates/MiniCurriculum.cs):
# against a host started with Smp__Curriculum pointing at the release's curriculum PLUS the one-exercise
# program in curriculum-extra/programs/mini-certificate.yaml, on its own EMPTY database.
#   bash make-certificate.sh BASE_URL [OUT_DIR]
# Needs curl and jq; run it once on an empty database.
set -euo pipefail
U=${1:?usage: make-certificate.sh BASE_URL [OUT_DIR]}
U=${U%/}
OUT=${2:-.}
mkdir -p "$OUT"
J='Content-Type: application/json'

req() {
  local want=$1 method=$2 path=$3 token=$4 body=${5-} key=${6-}
  local args=(-sS -X "$method" "$U$path" -o /tmp/.golden-req.$$ -w '%{http_code}')
  [[ -n $token ]] && args+=(-H "Authorization: Bearer $token")
  [[ -n $body ]] && args+=(-H "$J" --data-binary "$body")
  [[ -n $key ]] && args+=(-H "Idempotency-Key: $key")
  local got
  got=$(curl "${args[@]}")
  if [[ $got != "$want" ]]; then
    echo "error: $method $path answered $got, expected $want:" >&2
    cat /tmp/.golden-req.$$ >&2; echo >&2
    rm -f /tmp/.golden-req.$$
    exit 1
  fi
  cat /tmp/.golden-req.$$
  rm -f /tmp/.golden-req.$$
}
token() { curl -fsS -X POST "$U/api/dev/tokens" -H "$J" -d "$1" | jq -r .token; }
save() { jq --sort-keys . >"$OUT/$1"; }

ADMIN=$(token '{"userId":"root","role":"admin"}')
FAY=$(token '{"userId":"fay","role":"trainee"}')
IVY=$(token '{"userId":"ivy","role":"instructor"}')
GUS=$(token '{"userId":"gus","role":"auditor","body":"smp-guild"}')

echo "==> fay: enrol in mini-certificate, one session of 5 dots, signed off by ivy, apply to smp-guild"
req 204 POST /api/trainees/fay/instructors "$ADMIN" '{"instructorId":"ivy"}' golden-cert-assign-ivy
req 204 POST /api/trainees/fay/enrollment "$FAY" '{"programId":"mini-certificate"}' golden-cert-enrol
S=$(req 201 POST /api/trainees/fay/sessions "$FAY" '{"exerciseId":"mini-exercise"}' golden-cert-start | jq -r .sessionId)
req 200 POST "/api/sessions/$S/dots/batch" "$FAY" '[{"x":20,"y":20,"needle":"1RL-0.25","depthMm":0.5,"shade":0.6},{"x":22,"y":20,"needle":"1RL-0.25","depthMm":0.5,"shade":0.6},{"x":24,"y":20,"needle":"1RL-0.25","depthMm":0.5,"shade":0.6}]' golden-cert-b1 >/dev/null
req 200 POST "/api/sessions/$S/dots" "$FAY" '{"x":12.5,"y":30,"needle":"1RL-0.25","depthMm":1,"shade":0.6}' golden-cert-d1 >/dev/null
req 200 POST "/api/sessions/$S/dots" "$FAY" '{"x":26.25,"y":20.5,"needle":"1RL-0.20","depthMm":0.55,"shade":0.5}' golden-cert-d2 >/dev/null
req 204 POST "/api/sessions/$S/complete" "$FAY" '' golden-cert-complete
req 204 POST "/api/sessions/$S/grade" "$IVY" '{"items":{"neatness":80},"verdict":"signed-off","comment":"Even spacing."}' golden-cert-grade
req 204 POST /api/trainees/fay/applications "$FAY" '{"bodyId":"smp-guild"}' golden-cert-apply
echo "$S" >"$OUT/session-ids.txt"

echo "==> admin signs an audit checkpoint"
req 200 POST /api/audit/checkpoints "$ADMIN" '' | save expected-checkpoint.json
curl -fsS "$U/api/audit/public-key" | save public-key.json

echo "==> gus audits and certifies fay"
req 200 GET "/api/sessions/$S" "$FAY" | save expected-session-1.json
req 200 GET /api/audit/candidates/fay/verification "$GUS" | save expected-verification.json
req 200 GET /api/audit/candidates/fay/rescoring "$GUS" | save expected-rescoring.json
req 200 GET /api/audit/candidates/fay/decision "$GUS" | save expected-decision.json
req 200 GET /api/audit/candidates/fay/timeline "$GUS" | save expected-timeline.json
curl -fsS "$U/api/audit/candidates/fay/bundle" -H "Authorization: Bearer $GUS" -o "$OUT/bundle.zip"
# the credential exactly as issued (not reformatted: its proof covers its JCS form, not these bytes, but keep them anyway)
req 201 POST /api/audit/candidates/fay/certificates "$GUS" '' golden-cert-certify >"$OUT/certificate.json"
req 200 GET /api/bodies/smp-guild/status-list "" >"$OUT/status-list.json"
req 200 POST /api/credentials/verify "" "$(cat "$OUT/certificate.json")" | save expected-credential-verify.json
req 200 GET /api/bodies/smp-guild/certificates "$GUS" | save expected-certificates.json
echo "==> done: fay, session $S, certificate $(jq -r .id "$OUT/certificate.json")"
