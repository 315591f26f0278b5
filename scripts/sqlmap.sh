#!/usr/bin/env bash
# Injection check: runs sqlmap (Debian package) against the real server on an embedded PostgreSQL
# in a temporary data folder: the public tip form and API, sign-in, health, and signed-in list
# searches and a JSON write. Each target is bounded in time. Exits non-zero if sqlmap confirms an
# injectable parameter, or if a target did not finish. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v sqlmap >/dev/null || { echo "sqlmap is not installed (apt-get install sqlmap)" >&2; exit 2; }
PER_TARGET_SECONDS=${SQLMAP_TARGET_SECONDS:-240}

WORK=$(mktemp -d /tmp/beacon-sqlmap.XXXXXX)
chmod 755 "$WORK"
PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
BASE="http://127.0.0.1:$PORT"
export NODE_ENV=test PORT HOST=127.0.0.1 BEACON_DATA_DIR="$WORK/data" LOG_LEVEL=info
# sqlmap sends thousands of requests: the per-address limits would answer 429 instead of the route.
export BEACON_REPORT_RATE_LIMIT=1000000 BEACON_LOGIN_RATE_LIMIT=1000000
unset DATABASE_URL

SERVER_PID=
stop() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
  fi
  [ -n "${SQLMAP_KEEP:-}" ] && echo "kept $WORK" || rm -rf "$WORK"
}
trap stop EXIT

node --import tsx src/main.ts >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
  curl -fsS "$BASE/api/v1/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.2
done
curl -fsS "$BASE/api/v1/health" >/dev/null

PASSWORD="sqlmap-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
printf '%s\n' "$PASSWORD" | node bin/beacon.js users add --email sqlmap@example.test --role supervisor --password-stdin >/dev/null
SIGNED_IN=$(printf '%s\n' "$PASSWORD" | BEACON_URL="$BASE" node --import tsx scripts/sign-in.ts sqlmap@example.test)
COOKIE=$(sed -n 1p <<<"$SIGNED_IN")
CSRF=$(sed -n 2p <<<"$SIGNED_IN")

# 401 is an answer, not a stop: a wrong password, or the session cookie itself under test.
COMMON=(--batch --level 2 --risk 1 --technique BEUST --dbms PostgreSQL --time-sec 2 --timeout 10 --retries 1
  --threads 2 --ignore-code 401 --disable-coloring --flush-session --output-dir "$WORK/sqlmap")
TIP='{"incident":{"description":"A girl about 15 is brought to the motel on Route 9 most nights."},"location":{"city":"Tulsa","state":"OK"},"children":[{"approximateAge":15}],"reporter":{"anonymous":true}}'
FORM='incident.description=A+girl+about+15+is+brought+to+the+motel+most+nights&location.city=Tulsa&location.state=OK&reporter.anonymous=yes&submissionToken=sqlmapformtoken0001'

failed=0
run() {
  local name=$1; shift
  echo "== sqlmap: $name"
  local out="$WORK/$name.out"
  if ! timeout "$PER_TARGET_SECONDS" sqlmap "${COMMON[@]}" "$@" >"$out" 2>&1; then
    echo "   did not finish within ${PER_TARGET_SECONDS}s or failed; last lines:"; tail -5 "$out" | sed 's/^/   /'
    failed=1
    return
  fi
  { grep -E "testing '|testing (for|if) " "$out" || true; } | sed -E "s/^\[[0-9:]+\] \[INFO\] //" | sort -u >"$WORK/$name.tests"
  local params
  params=$(grep -oE "(GET|POST|\(custom\) POST|Cookie) parameter '[^']+'" "$out" | sort -u | tr '\n' ';' || true)
  echo "   parameters: ${params:-none}"
  echo "   payload families tried: $(wc -l <"$WORK/$name.tests")"
  if grep -q "identified the following injection point" "$out" || grep -qsv '^Target URL' "$WORK"/sqlmap/results-*.csv; then
    echo "   INJECTABLE:"; sed -n '/identified the following injection point/,/^---$/p' "$out" | sed 's/^/   /'
    failed=1
  elif grep -q "all tested parameters do not appear to be injectable" "$out"; then
    echo "   nothing injectable"
  else
    echo "   sqlmap ended without a verdict; last lines:"; tail -5 "$out" | sed 's/^/   /'
    failed=1
  fi
}

run health -u "$BASE/api/v1/health?check=1"
run report-page -u "$BASE/report?lang=es"
run report-form -u "$BASE/report?lang=en" --data "$FORM"
run report-api -u "$BASE/api/v1/reports" --data "$TIP" -H 'Content-Type: application/json'
run login -u "$BASE/api/v1/auth/login" --data '{"email":"probe@example.test","password":"not the password"}' -H 'Content-Type: application/json'
run cases-search -u "$BASE/api/v1/cases?name=Jaylynn&state=OK&identifier=405-555-0134&status=open" --cookie "$COOKIE" -H "X-CSRF-Token: $CSRF"
run adverts-search -u "$BASE/api/v1/adverts?q=new&city=Tulsa&state=OK&phone=4055550134&network=n1" --cookie "$COOKIE" -H "X-CSRF-Token: $CSRF"
run agencies -u "$BASE/api/v1/agencies?q=police&state=OK" --cookie "$COOKIE" -H "X-CSRF-Token: $CSRF"
run saved-filter -u "$BASE/api/v1/cases/saved-filters" --data '{"name":"Tulsa open","filter":{"name":"Jaylynn","state":"OK"}}' \
  -H 'Content-Type: application/json' --cookie "$COOKIE" -H "X-CSRF-Token: $CSRF"

# What reached the server, from its one log line a request (route pattern and status only).
echo "== requests the server answered, by route and status"
node -e '
  const counts = {};
  for (const line of require("fs").readFileSync(process.argv[1], "utf8").split("\n")) {
    try { const l = JSON.parse(line); if (l.msg === "request") { const k = `${l.method} ${l.route} ${l.status}`; counts[k] = (counts[k] ?? 0) + 1; } } catch {}
  }
  for (const [k, n] of Object.entries(counts).sort()) console.log(`   ${String(n).padStart(6)}  ${k}`);
  const errors = Object.entries(counts).filter(([k]) => / 5\d\d$/.test(k));
  if (errors.length) { console.log("   server errors answered: " + errors.map(([k, n]) => `${k} ×${n}`).join(", ")); process.exitCode = 3; }
' "$WORK/server.log" || failed=1

if [ "$failed" -ne 0 ]; then echo "sqlmap check FAILED"; exit 1; fi
echo "sqlmap check passed: no injectable parameter"
