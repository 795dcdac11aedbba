#!/usr/bin/env bash
# The README's second command: every check the project has, in the order that fails fastest.
# TEST_DB=postgres runs the whole suite (and the e2e server) on PostgreSQL instead of SQLite;
# either way the integration tests also run on the other database when it is available.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
export TEST_DB="${TEST_DB:-sqlite}"

step "Install"
bash scripts/install-deps.sh
bash scripts/setup-python.sh
bash scripts/setup-sandbox.sh
bash scripts/build-pyodide-bundle.sh
bash scripts/ensure-chromium.sh
PG_BASE_URL=$(bash scripts/ensure-postgres.sh) || PG_BASE_URL=""
export PG_BASE_URL
if [ "$TEST_DB" = "postgres" ] && [ -z "$PG_BASE_URL" ]; then
  echo "TEST_DB=postgres but PostgreSQL could not be started" >&2
  exit 1
fi

step "Type-check"
npx tsc --noEmit

step "Lint"
npx eslint . --max-warnings=0

step "Format (Prettier)"
npx prettier --check "**/*.{ts,tsx,css,mjs}"

step "Unit, integration and content tests on $TEST_DB (vitest)"
npx vitest run

other=$([ "$TEST_DB" = "postgres" ] && echo sqlite || echo postgres)
if [ "$other" = "sqlite" ] || [ -n "$PG_BASE_URL" ]; then
  # In a zone far from UTC: the server's time zone must change nothing (every timestamp is stored in UTC).
  # A zone name Node does not know falls back to UTC without a word, so check that it took effect.
  step "Integration tests again on $other, with TZ=Asia/Kolkata"
  TZ=Asia/Kolkata node -e 'process.exit(new Date(2026, 0, 1).getTimezoneOffset() === -330 ? 0 : 1)' ||
    { echo "TZ=Asia/Kolkata did not take effect in Node: the integration pass would run in UTC" >&2; exit 1; }
  TZ=Asia/Kolkata TEST_DB=$other npx vitest run tests/integration
else
  echo "PostgreSQL is not installed here: integration tests ran on SQLite only." >&2
fi

step "End-to-end tests on $TEST_DB (Playwright, production build, Chromium)"
npx playwright test

step "The README's PostgreSQL start on a new database"
if [ -n "$PG_BASE_URL" ]; then
  bash scripts/test-postgres-start.sh
else
  echo "PostgreSQL is not installed here: skipped the README's PostgreSQL start." >&2
fi
