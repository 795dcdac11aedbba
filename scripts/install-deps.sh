#!/usr/bin/env bash
# Installs npm packages when package-lock.json changed since the last install, and generates the Prisma client.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.crossroads-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi
# Both clients: SQLite (the default) and PostgreSQL (generated schema), so either DATABASE_URL works.
node scripts/db/write-postgres-schema.mjs --check
DATABASE_URL="file:./prisma/dev.db" npx prisma generate >/dev/null
DATABASE_URL="postgresql://localhost/unused" npx prisma generate >/dev/null
