#!/usr/bin/env bash
# The server Playwright drives: a production build on its own fresh database
# (SQLite by default; PostgreSQL when TEST_DB=postgres, with PG_BASE_URL from scripts/ensure-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# E2E_SECOND_INSTANCE=1 starts another server on the same database and build (started after the
# first, which resets the database and builds): the multi-instance tests talk to both.
second="${E2E_SECOND_INSTANCE:-}"
mkdir -p tests/.tmp
if [ "${TEST_DB:-sqlite}" = "postgres" ]; then
  db=crossroads_e2e
  [ -n "$second" ] || psql "$PG_BASE_URL/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
  export DATABASE_URL="$PG_BASE_URL/$db"
else
  db=tests/.tmp/e2e.db
  [ -n "$second" ] || rm -f "$db" "$db-wal" "$db-shm"
  export DATABASE_URL="file:./$db"
fi
export AUTH_SECRET="e2e-only-secret-0123456789abcdefghijklmnop"
# Every e2e test signs up from 127.0.0.1: lift the per-IP limits, keep the per-email lockout.
export RATE_SIGNUP_PER_IP=10000 RATE_SIGNIN_PER_IP=10000 RATE_RUNS_PER_IP=10000
# Code runs in the server process on both databases (no runner workers here; tests/integration/run-workers.test.ts covers them).
export RUNNER_MODE=local
export NEXT_DIST_DIR="${NEXT_DIST_DIR:-.next}"
if [ -z "$second" ]; then
  node scripts/db/migrate.mjs >/dev/null
  # next build, then the search index (public/pagefind); a skipped build still gets an index if none is there.
  if [ "${E2E_SKIP_BUILD:-}" != "1" ]; then npm run build; elif [ ! -f public/pagefind/pagefind.js ]; then npm run search:index; fi
fi
exec node --require ./scripts/peer-stamp.cjs node_modules/next/dist/bin/next start -p "${E2E_PORT:-3100}"
