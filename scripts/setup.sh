#!/usr/bin/env bash
# Everything the app needs on a fresh clone: packages, .env, database, Python runner, sandbox, Pyodide bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/ensure-env.sh
set -a; . ./.env; set +a
node scripts/db/migrate.mjs
npx tsx --conditions=react-server prisma/seed.ts
bash scripts/setup-python.sh
bash scripts/setup-sandbox.sh
bash scripts/build-pyodide-bundle.sh
