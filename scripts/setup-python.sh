#!/usr/bin/env bash
# Create .runner/venv: the CPython environment the server sandbox runs learner code in.
# Uses Debian's /usr/bin/python3 so the sandbox (which runs as an unprivileged user) can read it.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.runner/venv
STAMP="$VENV/.requirements"
if [ -x "$VENV/bin/python" ] && cmp -s scripts/python/requirements.txt "$STAMP"; then
  exit 0
fi
PYTHON=/usr/bin/python3
if ! "$PYTHON" -c "import venv, ensurepip" 2>/dev/null; then
  apt-get install -y python3-venv >/dev/null
fi
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install --quiet --retries 0 --timeout 5 -r scripts/python/requirements.txt
cp scripts/python/requirements.txt "$STAMP"
echo "Python runner environment ready in $VENV"
