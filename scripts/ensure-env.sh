#!/usr/bin/env bash
# Writes .env with a local SQLite database and a freshly generated AUTH_SECRET, unless it exists.
# The file holds the secret that signs every session: only its owner may read it (0600), also when an
# older install wrote it world-readable.
set -euo pipefail
umask 077
cd "$(dirname "$0")/.."
if [ ! -f .env ]; then
  secret=$(node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))")
  cat > .env <<ENV
# Written by scripts/ensure-env.sh. Local settings; never commit this file.
DATABASE_URL="file:./prisma/dev.db"
AUTH_SECRET="$secret"
ENV
  echo "Wrote .env with a new AUTH_SECRET"
fi
chmod 600 .env
