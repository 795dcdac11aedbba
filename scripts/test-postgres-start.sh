#!/usr/bin/env bash
# The README's PostgreSQL start, run as a new user would: its line, word for word (only the URL is
# pointed at a new, empty database), from this clone whose .env names SQLite. Checks that set-up
# migrated and seeded that PostgreSQL database, that /api/health says ok and a demo account can sign
# in; then that the same build on an unmigrated database answers /api/health with 503 and a message.
# Called by scripts/test.sh; skipped with a message when PostgreSQL is not available.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PG_BASE_URL:-}" ]; then
  PG_BASE_URL=$(bash scripts/ensure-postgres.sh 2>/dev/null) || {
    echo "PostgreSQL is not available here: skipped the README's PostgreSQL start." >&2
    exit 0
  }
fi
base=${PG_BASE_URL%/}
port=${README_PG_PORT:-3190}
db=crossroads_readme
empty=crossroads_readme_empty
# Its own build folder; tsconfig.json lists the folder's types, or Next would add them there on every build.
export NEXT_DIST_DIR=.next-readme-pg PORT=$port
work=$(mktemp -d)
server=""

fail() {
  echo "FAIL: $*" >&2
  if [ -f "$work/app.log" ]; then
    grep -iE "error|failed" "$work/app.log" | head -n 20 >&2 || true
    tail -n 40 "$work/app.log" >&2
  fi
  exit 1
}
stop_server() {
  if [ -n "$server" ]; then
    kill -- "-$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
  fi
}
cleanup() {
  stop_server
  psql "$base/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "DROP DATABASE IF EXISTS $empty WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work" "$NEXT_DIST_DIR"
}
trap cleanup EXIT

# Waits until /api/health answers at all (any status); prints the status code.
wait_for_health() {
  local tries=$1 code
  for _ in $(seq 1 "$tries"); do
    code=$(curl -s -o "$work/health.json" -w '%{http_code}' "http://127.0.0.1:$port/api/health" || true)
    if [ "$code" != "000" ]; then
      echo "$code"
      return 0
    fi
    kill -0 "$server" 2>/dev/null || fail "the app stopped before answering"
    sleep 2
  done
  fail "no answer from /api/health"
}

psql "$base/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
line=$(grep -m1 '^DATABASE_URL="postgresql://.*npm run app$' README.md) || fail "README.md has no DATABASE_URL=\"postgresql://…\" line"
readme_url=$(sed -E 's/^DATABASE_URL="([^"]+)".*/\1/' <<<"$line")
command=${line/"$readme_url"/"$base/$db"}
echo "Running the README's line on a new database: ${command/"$base"/postgresql://…}"

# The seed appends new demo passwords to .demo-accounts: only lines written by this run count.
accounts_before=$( (cat .demo-accounts 2>/dev/null || true) | wc -l)
# Its own process group, so stopping it stops npm, the scripts and next start together.
setsid bash -c "$command" >"$work/app.log" 2>&1 &
server=$!
# Set-up and a production build come first: up to 15 minutes on a busy machine.
code=$(wait_for_health 450)
[ "$code" = 200 ] || fail "/api/health answered $code: $(cat "$work/health.json")"
grep -q '"database":"ok"' "$work/health.json" || fail "health: $(cat "$work/health.json")"
grep -q "Applied .* PostgreSQL migration" "$work/app.log" || fail "set-up did not migrate the PostgreSQL database"
tables=$(psql "$base/$db" -tAc "SELECT count(*) FROM \"User\"")
[ "$tables" -ge 3 ] || fail "set-up did not seed the PostgreSQL database ($tables users)"

# Sign in as the demo learner with the password the seed appended to .demo-accounts for this database.
password=$(tail -n "+$((accounts_before + 1))" .demo-accounts 2>/dev/null | awk '$2 == "learner@crossroads.local" { print $3 }' | tail -n 1)
[ -n "$password" ] || fail "set-up wrote no new demo learner password to .demo-accounts"
jar="$work/cookies"
csrf=$(curl -s -c "$jar" "http://127.0.0.1:$port/api/auth/csrf" | sed -E 's/.*"csrfToken":"([^"]+)".*/\1/')
status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" \
  --data-urlencode "email=learner@crossroads.local" --data-urlencode "password=$password" --data-urlencode "csrfToken=$csrf" \
  "http://127.0.0.1:$port/api/auth/callback/credentials")
[ "$status" = 302 ] || fail "sign-in answered $status"
me=$(curl -s -b "$jar" "http://127.0.0.1:$port/api/me")
grep -q '"name":"Demo Learner"' <<<"$me" || fail "not signed in after sign-in: $me"
echo "ok: migrated, seeded, health ok, the demo learner signed in"
stop_server

# The same build on a database nobody migrated: health must say so, with a 503.
psql "$base/postgres" -qc "DROP DATABASE IF EXISTS $empty WITH (FORCE)" -c "CREATE DATABASE $empty" >/dev/null
DATABASE_URL="$base/$empty" setsid node --require ./scripts/peer-stamp.cjs node_modules/next/dist/bin/next start -p "$port" >"$work/app.log" 2>&1 &
server=$!
code=$(wait_for_health 60)
[ "$code" = 503 ] || fail "/api/health on an unmigrated database answered $code"
grep -q '"database":"schema missing"' "$work/health.json" || fail "health: $(cat "$work/health.json")"
grep -q 'npm run db:migrate' "$work/health.json" || fail "health gives no hint: $(cat "$work/health.json")"
echo "ok: an unmigrated database answers /api/health with 503: $(cat "$work/health.json")"
