#!/usr/bin/env bash
# The server Playwright drives: a production build on its own fresh database.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p tests/.tmp
db=tests/.tmp/e2e.db
rm -f "$db" "$db-wal" "$db-shm"
export DATABASE_URL="file:./$db"
export AUTH_SECRET="e2e-only-secret-0123456789abcdefghijklmnop"
# Every e2e test signs up from 127.0.0.1: lift the per-IP limits, keep the per-email lockout.
export RATE_SIGNUP_PER_IP=10000 RATE_SIGNIN_PER_IP=10000 RATE_RUNS_PER_IP=10000
npx prisma migrate deploy >/dev/null
if [ "${E2E_SKIP_BUILD:-}" != "1" ]; then npx next build; fi
exec npx next start -p "${E2E_PORT:-3100}"
