#!/usr/bin/env bash
# The README's first command: set everything up, build, and serve on http://localhost:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# next build, then the search index (public/pagefind), which must exist before next start.
npm run build
echo "Crossroads is starting on http://localhost:${PORT:-3000}"
exec node --require ./scripts/peer-stamp.cjs node_modules/next/dist/bin/next start -p "${PORT:-3000}"
