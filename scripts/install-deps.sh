#!/usr/bin/env bash
# Installs npm packages when package-lock.json changed since the last install, and generates the Prisma client.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.crossroads-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi
npx prisma generate >/dev/null
