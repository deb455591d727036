#!/usr/bin/env bash
# Writes the golden-v1 history through the public HTTP API of a running SmpAcademy host (release fd1cf71)
# on an EMPTY database, then saves the answers the later tests compare against.
#   bash make-history.sh BASE_URL [OUT_DIR]
#   bash make-history.sh http://127.0.0.1:5391 /tmp/golden-out
# Needs curl and jq. Run it once, on an empty database: every write but one carries a fixed Idempotency-Key
# (recorded in the events' headers); the audit reads are themselves recorded, so it is not meant to be rerun
# on the same database. On a fresh database it gives the same history (session ids are derived, so even the
# same ids) except for timestamps, event ids and signatures. Each step checks the HTTP status it expects and
# stops otherwise.
set -euo pipefail
U=${1:?usage: make-history.sh BASE_URL [OUT_DIR]}
U=${U%/}
OUT=${2:-.}
mkdir -p "$OUT"
J='Content-Type: application/json'

# req EXPECTED_STATUS METHOD PATH TOKEN [BODY] [IDEMPOTENCY_KEY] -> prints the answer's body
req() {
  local want=$1 method=$2 path=$3 token=$4 body=${5-} key=${6-}
  local args=(-sS -X "$method" "$U$path" -H "Authorization: Bearer $token" -o /tmp/.golden-req.$$ -w '%{http_code}')
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
save() { jq --sort-keys . >"$OUT/$1"; }   # pretty, keys sorted: stable to diff

ADMIN=$(token '{"userId":"root","role":"admin"}')
ADA=$(token '{"userId":"ada","role":"trainee"}')
IVY=$(token '{"userId":"ivy","role":"instructor"}')
IRA=$(token '{"userId":"ira","role":"instructor"}')
GUS=$(token '{"userId":"gus","role":"auditor","body":"smp-guild"}')

echo "==> admin assigns instructors ivy and ira to ada"
req 204 POST /api/trainees/ada/instructors "$ADMIN" '{"instructorId":"ivy"}' golden-assign-ivy
req 204 POST /api/trainees/ada/instructors "$ADMIN" '{"instructorId":"ira"}' golden-assign-ira

echo "==> ada enrols in smp-practitioner and applies to smp-guild"
req 204 POST /api/trainees/ada/enrollment "$ADA" '{"programId":"smp-practitioner"}' golden-enrol
req 204 POST /api/trainees/ada/applications "$ADA" '{"bodyId":"smp-guild"}' golden-apply-guild

start() { req 201 POST /api/trainees/ada/sessions "$ADA" "$1" "$2"; }
dot() { req 200 POST "/api/sessions/$1/dots" "$ADA" "$2" "${3-}" >/dev/null; }
batch() { req 200 POST "/api/sessions/$1/dots/batch" "$ADA" "$2" "${3-}" >/dev/null; }
S_IDS=()

# --- session 1: depth ladder on the practice pad (no manual items; signed off with an empty grade) ---------
echo "==> session 1: depth-ladder"
S1=$(start '{"exerciseId":"depth-ladder"}' golden-s1-start | jq -r .sessionId); S_IDS+=("$S1")
dot "$S1" '{"x":10,"y":10,"needle":"1RL-0.25","depthMm":0.5,"shade":0.6}' golden-s1-d1
# a merge (0.1 mm from dot 1) and a blow-out (1.3 mm deep), in one batch
batch "$S1" '[{"x":10.1,"y":10,"needle":"1RL-0.25","depthMm":0.5,"shade":0.6},{"x":30,"y":30,"needle":"1RL-0.25","depthMm":1.3,"shade":0.6}]' golden-s1-b1
# refused: outside the skin (records nothing)
req 400 POST "/api/sessions/$S1/dots" "$ADA" '{"x":10,"y":500,"needle":"1RL-0.25","depthMm":0.5,"shade":0.6}' >/dev/null
# refused batch: its second dot is too deep for the pad (records nothing, not even the first)
req 400 POST "/api/sessions/$S1/dots/batch" "$ADA" '[{"x":70,"y":70,"needle":"1RL-0.25","depthMm":0.5,"shade":0.6},{"x":71,"y":70,"needle":"1RL-0.25","depthMm":5,"shade":0.6}]' >/dev/null
# a row of 12 dots from x = 12.5 every 5.5 mm at 0.5 mm
batch "$S1" "$(jq -cn '[range(0;12) | {x: (12.5 + . * 5.5), y: 20, needle: "1RL-0.25", depthMm: 0.5, shade: 0.6}]')" golden-s1-b2
echo "    pause / resume"
req 204 POST "/api/sessions/$S1/pause" "$ADA" '' golden-s1-pause
req 409 POST "/api/sessions/$S1/dots" "$ADA" '{"x":50,"y":50,"needle":"1RL-0.25","depthMm":0.5,"shade":0.6}' >/dev/null   # refused while paused
req 204 POST "/api/sessions/$S1/resume" "$ADA" '' golden-s1-resume
# integer-valued doubles written as integers, and doubles that need 17 significant digits
dot "$S1" '{"x":40,"y":40,"needle":"1RL-0.30","depthMm":1,"shade":1}' golden-s1-d2
dot "$S1" '{"x":33.333333333333336,"y":66.66666666666667,"needle":"1RL-0.20","depthMm":0.7000000000000001,"shade":0.30000000000000004}' golden-s1-d3
dot "$S1" '{"x":45.5,"y":0.1,"needle":"1RL-0.18","depthMm":0.1,"shade":0.6}'   # no key; fade-risk
dot "$S1" '{"x":-0,"y":55,"needle":"1RL-0.25","depthMm":0.45,"shade":0.6}' golden-s1-d5   # -0 is read as 0
# a ladder: depths 0.2 .. 1.25 in steps, x = 12.5 .. every 6 mm, y 60
batch "$S1" "$(jq -cn '[range(0;15) | {x: (12.5 + . * 6), y: 60, needle: "1RL-0.25", depthMm: (0.2 + . * 0.075), shade: 0.55}]')" golden-s1-b3
# a tight clump (spacing, merge)
batch "$S1" '[{"x":80,"y":80,"needle":"3RL-0.25","depthMm":0.6,"shade":0.9},{"x":80.3,"y":80.2,"needle":"3RL-0.25","depthMm":0.6,"shade":0.9},{"x":80.6,"y":79.9,"needle":"3RL-0.25","depthMm":0.6,"shade":0.9},{"x":81,"y":80.4,"needle":"3RL-0.25","depthMm":0.6,"shade":0.9}]' golden-s1-b4
dot "$S1" '{"x":90,"y":95.25,"needle":"1RL-0.25","depthMm":0.55,"shade":0.6}' golden-s1-d6
req 204 POST "/api/sessions/$S1/complete" "$ADA" '' golden-s1-complete
req 204 POST "/api/sessions/$S1/annotations" "$IVY" '{"text":"Steady band from dot 20 on; watch the clump at (80, 80)","x":80.5,"y":80}' golden-s1-note1
req 204 POST "/api/sessions/$S1/annotations" "$IVY" '{"text":"1.3 mm: blow-out","dotSequence":3}' golden-s1-note2
# depth-ladder has no manual items: the grade is an empty set of items
req 204 POST "/api/sessions/$S1/grade" "$IVY" '{"items":{},"verdict":"signed-off"}' golden-s1-grade

# --- session 2: soft hairline on the Norwood 3 (manual items; coaching pause; signed off, moderation agrees) -
echo "==> session 2: soft-hairline"
S2=$(start '{"exerciseId":"soft-hairline"}' golden-s2-start | jq -r .sessionId); S_IDS+=("$S2")
# along the leading edge of the frontal hairline, light and sparse, 1RL-0.18/0.20
batch "$S2" "$(jq -cn '[range(0;18) | {x: (50 + . * 5.75), y: (43 - (if . < 9 then . * 2 else (17 - .) * 2 end)) , needle: "1RL-0.18", depthMm: 0.45, shade: 0.15}]')" golden-s2-b1
dot "$S2" '{"x":100,"y":27.5,"needle":"1RL-0.20","depthMm":0.5,"shade":0.125}' golden-s2-d1
echo "    ivy pauses for coaching; ada resumes"
req 204 POST "/api/sessions/$S2/coaching-pause" "$IVY" '' golden-s2-coach
req 204 POST "/api/sessions/$S2/annotations" "$IVY" '{"text":"Bring the leading edge down 2 mm at the temples","x":60,"y":40}' golden-s2-note1
req 204 POST "/api/sessions/$S2/resume" "$ADA" '' golden-s2-resume
# a second row behind the edge, some in the temple, one with a needle not for the hairline (wrong-needle)
batch "$S2" "$(jq -cn '[range(0;14) | {x: (52 + . * 7), y: 50, needle: "1RL-0.20", depthMm: 0.55, shade: 0.3}]')" golden-s2-b2
dot "$S2" '{"x":100,"y":33,"needle":"3RL-0.25","depthMm":0.5,"shade":0.2}' golden-s2-d2
dot "$S2" '{"x":150,"y":55,"needle":"1RL-0.20","depthMm":0.6,"shade":0.8}' golden-s2-d3
req 204 POST "/api/sessions/$S2/complete" "$ADA" '' golden-s2-complete
req 204 POST "/api/sessions/$S2/annotations" "$IVY" '{"text":"Très bien — the temple points match ✓ (dot 19: \"a touch dark\")","dotSequence":19}' golden-s2-note2
req 204 POST "/api/sessions/$S2/grade" "$IVY" '{"items":{"hairline naturalness":72.5,"temple symmetry":80,"soft transition zone":65},"verdict":"signed-off","comment":"Irregular enough; keep the first 5 mm lighter.\nSigned off."}' golden-s2-grade
req 204 POST "/api/sessions/$S2/moderation" "$IRA" '{"agrees":true,"reason":"Agree: natural leading edge, temples within 2 mm"}' golden-s2-moderate

# --- session 3: random fill, abandoned with a reason ---------------------------------------------------------
echo "==> session 3: random-fill (abandoned)"
S3=$(start '{"exerciseId":"random-fill"}' golden-s3-start | jq -r .sessionId); S_IDS+=("$S3")
batch "$S3" '[{"x":12.25,"y":17.75,"needle":"3RL-0.20","depthMm":0.5,"shade":0.6},{"x":15.5,"y":13,"needle":"3RL-0.20","depthMm":0.55,"shade":0.6},{"x":19,"y":19.5,"needle":"3RL-0.20","depthMm":0.5,"shade":0.62},{"x":22.75,"y":14.25,"needle":"3RL-0.20","depthMm":0.6,"shade":0.6},{"x":24,"y":21,"needle":"3RL-0.20","depthMm":0.5,"shade":0.58},{"x":28.5,"y":16,"needle":"3RL-0.20","depthMm":0.45,"shade":0.6},{"x":31,"y":22.5,"needle":"3RL-0.20","depthMm":0.5,"shade":0.6},{"x":34.25,"y":12.5,"needle":"3RL-0.20","depthMm":0.65,"shade":0.6}]' golden-s3-b1
batch "$S3" "$(jq -cn '[range(0;12) | {x: (15 + ((. * 37) % 50) * 1.5), y: (30 + ((. * 23) % 17) * 2.5), needle: "3RL-0.20", depthMm: 0.5, shade: 0.6}]')" golden-s3-b2
dot "$S3" '{"x":50,"y":50,"needle":"3RL-0.20","depthMm":0.5,"shade":0.6}' golden-s3-d1
req 204 POST "/api/sessions/$S3/abandon" "$ADA" '{"reason":"practice pad torn at the corner; starting a new one"}' golden-s3-abandon

# --- session 4: FUE scar field (sent back by ivy, overridden to signed off by ira) ------------------------------
echo "==> session 4: fue-camouflage"
S4=$(start '{"exerciseId":"fue-camouflage"}' golden-s4-start | jq -r .sessionId); S_IDS+=("$S4")
# into the scars (scar needle 1RL-0.35 and 3RL-0.30), around them in the donor area (1RL-0.25)
batch "$S4" '[{"x":79.7,"y":18.4,"needle":"1RL-0.35","depthMm":0.4,"shade":0.75},{"x":34.7,"y":29.1,"needle":"1RL-0.35","depthMm":0.4,"shade":0.75},{"x":55,"y":25.7,"needle":"3RL-0.30","depthMm":0.45,"shade":0.75},{"x":60,"y":20.4,"needle":"1RL-0.35","depthMm":0.4,"shade":0.75},{"x":69.9,"y":25.9,"needle":"1RL-0.35","depthMm":0.42,"shade":0.7},{"x":90.5,"y":25.8,"needle":"1RL-0.35","depthMm":0.4,"shade":0.75},{"x":97.6,"y":28.3,"needle":"3RL-0.30","depthMm":0.95,"shade":0.75},{"x":99.3,"y":23.1,"needle":"1RL-0.35","depthMm":0.4,"shade":0.75}]' golden-s4-b1
batch "$S4" "$(jq -cn '[range(0;16) | {x: (30 + . * 6.25), y: (40 + (. % 4) * 3.5), needle: "1RL-0.25", depthMm: 0.6, shade: (if . % 5 == 0 then 0.95 else 0.75 end)}]')" golden-s4-b2
for i in 1 2 3 4 5 6; do
  dot "$S4" "$(jq -cn --argjson i $i '{x: (100 + $i * 4.125), y: 60.5, needle: "1RL-0.30", depthMm: (0.5 + $i * 0.05), shade: 0.75}')" "golden-s4-d$i"
done
req 204 POST "/api/sessions/$S4/complete" "$ADA" '' golden-s4-complete
req 204 POST "/api/sessions/$S4/annotations" "$IVY" '{"text":"Dot 7 is too deep for scar tissue","dotSequence":7}' golden-s4-note1
req 204 POST "/api/sessions/$S4/grade" "$IVY" '{"items":{"scars hidden":55,"no barcode look":40},"verdict":"sent-back","comment":"The donor row reads as a line (barcode); redo it irregularly."}' golden-s4-grade
req 204 POST "/api/sessions/$S4/moderation" "$IRA" '{"agrees":false,"verdict":"signed-off","reason":"Rows are 3.5 mm apart and staggered: within tolerance for a first scar session"}' golden-s4-moderate

# --- sessions 5 and 6: the first two sessions of a three-session course on the Norwood 6 --------------------
echo "==> session 5: three-session-course, course session 1"
OPENED=$(start '{"exerciseId":"three-session-course"}' golden-s5-start)
S5=$(jq -r .sessionId <<<"$OPENED"); COURSE=$(jq -r .courseId <<<"$OPENED"); S_IDS+=("$S5")
batch "$S5" "$(jq -cn '[range(0;24) | {x: (40 + (. % 8) * 15.5), y: (120 + ((. / 8) | floor) * 17.25), needle: "3RL-0.25", depthMm: 0.55, shade: 0.75}]')" golden-s5-b1
dot "$S5" '{"x":100,"y":200,"needle":"1RL-0.25","depthMm":0.6,"shade":0.5}' golden-s5-d1
req 204 POST "/api/sessions/$S5/complete" "$ADA" '' golden-s5-complete
# refused: the skin has not healed (the course is on day 0)
req 409 POST /api/trainees/ada/sessions "$ADA" "{\"exerciseId\":\"three-session-course\",\"courseId\":\"$COURSE\"}" >/dev/null
echo "    7 course days"
req 204 POST "/api/trainees/ada/courses/$COURSE/advance" "$ADA" '{"days":7}' golden-course-advance-7
echo "==> session 6: three-session-course, course session 2"
S6=$(start "{\"exerciseId\":\"three-session-course\",\"courseId\":\"$COURSE\"}" golden-s6-start | jq -r .sessionId); S_IDS+=("$S6")
batch "$S6" "$(jq -cn '[range(0;20) | {x: (47.75 + (. % 5) * 21), y: (125 + ((. / 5) | floor) * 19), needle: "3RL-0.25", depthMm: 0.6, shade: 0.83}]')" golden-s6-b1
req 204 POST "/api/sessions/$S6/complete" "$ADA" '' golden-s6-complete

printf '%s\n' "${S_IDS[@]}" >"$OUT/session-ids.txt"
echo "$COURSE" >"$OUT/course-id.txt"

echo "==> admin signs an audit checkpoint"
req 200 POST /api/audit/checkpoints "$ADMIN" '' | save expected-checkpoint.json
curl -fsS "$U/api/audit/public-key" | save public-key.json
jq -r .publicKey "$OUT/public-key.json" >"$OUT/public-key.txt"

echo "==> trainee-side reads"
n=0
for s in "${S_IDS[@]}"; do
  n=$((n + 1))
  req 200 GET "/api/sessions/$s" "$ADA" | save "expected-session-$n.json"
done
req 200 GET /api/trainees/ada "$ADA" | save expected-trainee-profile.json
req 200 GET /api/trainees/ada/progress "$ADA" | save expected-trainee-progress.json

echo "==> auditor gus (smp-guild) audits ada"
req 200 GET /api/audit/candidates "$GUS" | save expected-candidates.json
req 200 GET /api/audit/candidates/ada/verification "$GUS" | save expected-verification.json
req 200 GET /api/audit/candidates/ada/rescoring "$GUS" | save expected-rescoring.json
req 200 GET /api/audit/candidates/ada/decision "$GUS" | save expected-decision.json
req 200 GET /api/audit/candidates/ada/timeline "$GUS" | save expected-timeline.json
req 200 GET /api/audit/candidates/ada/xapi "$GUS" | save expected-xapi.json
n=0
for s in "${S_IDS[@]}"; do
  n=$((n + 1))
  req 200 GET "/api/audit/candidates/ada/sessions/$s" "$GUS" | save "expected-audit-session-$n.json"
done
curl -fsS "$U/api/audit/candidates/ada/bundle" -H "Authorization: Bearer $GUS" -o "$OUT/bundle.zip"
echo "==> certificate"
code=$(curl -sS -X POST "$U/api/audit/candidates/ada/certificates" -H "Authorization: Bearer $GUS" -H 'Idempotency-Key: golden-certify' \
  -o "$OUT/.certificate-answer.json" -w '%{http_code}')
if [[ $code == 201 ]]; then
  jq . "$OUT/.certificate-answer.json" >"$OUT/certificate.json"
else
  echo "    not issued ($code): $(jq -r .detail "$OUT/.certificate-answer.json")"
  jq --sort-keys --arg status "$code" '. + {httpStatus: ($status | tonumber)}' "$OUT/.certificate-answer.json" >"$OUT/expected-certificate-refusal.json"
fi
rm -f "$OUT/.certificate-answer.json"
req 200 GET /api/audit/log "$GUS" | save expected-audit-log.json
# the session summaries are an async read model: wait until it shows every session closed
for _ in $(seq 60); do
  rows=$(req 200 GET /api/trainees/ada/sessions "$ADA")
  [[ $(jq '[.[] | select(.status == "completed" or .status == "abandoned")] | length' <<<"$rows") == "${#S_IDS[@]}" ]] && break
  sleep 1
done
save expected-trainee-sessions.json <<<"$rows"
echo "==> done: sessions ${S_IDS[*]}"
