#!/usr/bin/env bash
# A/B of two builds of the sandbox, the way BENCHMARKS.md's 2026-12-05 notes were measured:
#   bench/ab.sh DIST_A DIST_B [get|post|flow] [ROUNDS]
# e.g. copy dist/ to /tmp/before (with node_modules, fixtures and scenarios beside it, as symlinks),
# change and `npm run build`, then `bench/ab.sh /tmp/before/dist dist post 6`.
# Both servers run at once on 127.0.0.1:18091 and :18092, wrk drives each in turn for 4 s a round;
# per round it prints user and system CPU per request (from /proc) and req/s. Compare the best of
# several rounds: on a shared VM one round says little. Needs wrk and curl. `flow` is run.mjs's flow
# (create → page ?scenario=pass → GET, one wrk thread per connection carrying its token); its
# figures are per request, three to a flow.
set -euo pipefail
DA=$1; DB=$2; W=${3:-get}; N=${4:-6}
command -v wrk >/dev/null || { echo "bench/ab.sh needs wrk (apt-get install wrk)" >&2; exit 1; }
TMP=$(mktemp -d)
BODY='{"type":"00","id_country":"MYS","id_type":"ID_CARD","redirect_url":"https://merchant.example/ekyc/return?order=42"}'
CREDS='wrk.headers["client_id"]="bench-merchant"; wrk.headers["client_secret"]="sk_bench"'
echo "$CREDS" > "$TMP/get.lua"
printf 'wrk.method="POST"\nwrk.body=%s\nwrk.headers["content-type"]="application/json"\n%s\n' "'$BODY'" "$CREDS" > "$TMP/post.lua"
cat > "$TMP/flow.lua" <<LUA
local CREATE = { ["content-type"] = "application/json", ["client_id"] = "bench-merchant", ["client_secret"] = "sk_bench" }
local RECORD = { ["client_id"] = "bench-merchant", ["client_secret"] = "sk_bench" }
local BODY = '$BODY'
step = 0
token = ""
function request ()
  if step == 0 then return wrk.format("POST", "/api/ekyc/verifications", CREATE, BODY) end
  if step == 1 then return wrk.format("GET", "/verifications?token=" .. token .. "&scenario=pass", {}) end
  return wrk.format("GET", "/api/ekyc/verifications/" .. token, RECORD)
end
function response (status, headers, body)
  if step == 0 then token = string.match(body, '"token":"([^"]+)"'); step = 1
  elseif step == 1 then step = 2 else step = 0 end
end
LUA
start() { PORT=$2 HOST=127.0.0.1 LOG_LEVEL=silent node --max-semi-space-size=8 --heap-growing-percent=50 "$1/cli.js" >/dev/null 2>&1 & echo $!; }
A=$(start "$DA" 18091); B=$(start "$DB" 18092)
trap 'kill $A $B 2>/dev/null; rm -rf "$TMP"' EXIT
sleep 1.5
path() {
  if [ "$W" = get ]; then
    local t
    t=$(curl -s -X POST -H 'content-type: application/json' -H 'client_id: bench-merchant' -H 'client_secret: sk_bench' --data "$BODY" "http://127.0.0.1:$1/api/ekyc/verifications" | sed 's/.*"token":"\([^"]*\)".*/\1/')
    curl -s -X POST -H 'content-type: application/json' --data '{"scenario":"pass"}' "http://127.0.0.1:$1/_sandbox/verifications/$t/complete" >/dev/null
    echo "/api/ekyc/verifications/$t"
  else
    echo /api/ekyc/verifications
  fi
}
PA=$(path 18091); PB=$(path 18092)
THREADS=2; [ "$W" = flow ] && THREADS=10
run() {
  local u0 s0 u1 s1 r
  read -r u0 s0 < <(awk '{print $14, $15}' "/proc/$1/stat")
  r=$(wrk -t"$THREADS" -c10 -d"$4" -s "$TMP/$W.lua" "http://127.0.0.1:$2$3" | awk '/requests in/{print $1}')
  read -r u1 s1 < <(awk '{print $14, $15}' "/proc/$1/stat")
  awk -v u=$((u1 - u0)) -v s=$((s1 - s0)) -v r="$r" -v d="$4" -v hz="$(getconf CLK_TCK)" \
    'BEGIN{printf "usr %.1f sys %.1f us/req %d req/s", u*1e6/hz/r, s*1e6/hz/r, r/d}'
}
run "$A" 18091 "$PA" 2 >/dev/null; run "$B" 18092 "$PB" 2 >/dev/null
for _ in $(seq "$N"); do echo "A $(run "$A" 18091 "$PA" 4)   B $(run "$B" 18092 "$PB" 4)"; done
