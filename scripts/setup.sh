#!/usr/bin/env bash
# Everything the app needs on a fresh clone: packages, .env, database, Python runner, sandbox, Pyodide bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/ensure-env.sh
# .env fills in what the caller did not set: `DATABASE_URL=postgresql://… npm run app` migrates and seeds
# that database, the one the server will use (Next also lets the environment win over .env).
given=()
for name in $(sed -n 's/^[[:space:]]*\(export[[:space:]]\+\)\?\([A-Za-z_][A-Za-z0-9_]*\)=.*/\2/p' .env); do
  if [ -n "${!name:-}" ]; then given+=("$name=${!name}"); fi
done
set -a; . ./.env; set +a
for pair in "${given[@]}"; do export "$pair"; done
# The secrets and the database are for this account only (0600). Only these steps: the Python
# environment and the Pyodide bundle below must stay readable by the sandbox uids and the browser.
(
  umask 077
  node scripts/db/migrate.mjs
  npx tsx --conditions=react-server prisma/seed.ts
)
bash scripts/setup-python.sh
bash scripts/setup-sandbox.sh
bash scripts/build-pyodide-bundle.sh
