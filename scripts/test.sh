#!/usr/bin/env bash
# The README's second command: every check the project has, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Install"
bash scripts/install-deps.sh
bash scripts/setup-python.sh
bash scripts/setup-sandbox.sh
bash scripts/build-pyodide-bundle.sh
bash scripts/ensure-chromium.sh

step "Type-check"
npx tsc --noEmit

step "Lint"
npx eslint . --max-warnings=0

step "Unit, integration and content tests (vitest)"
npx vitest run

step "End-to-end tests (Playwright, production build, Chromium)"
npx playwright test
