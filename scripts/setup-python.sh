#!/usr/bin/env bash
# The CPython environment the server sandboxes run learner code and checks in, from Debian's
# /usr/bin/python3 and the pinned packages in scripts/python/requirements.txt.
#
# The sandboxes run as unprivileged uids, which must be able to reach the interpreter: a clone under a
# directory only root can enter (root's home, mode 700) would hide it. So, as root, the venv is built
# under /var/lib/crossroads/runner/<hash of its inputs>/ (world-readable, shared by every clone with the
# same pins) and .runner/venv is a symlink to it; the server resolves the link itself. Without root there
# is no sandbox anyway, and the venv stays in .runner/venv. RUNNER_VENV points the server elsewhere.
set -euo pipefail
umask 022
cd "$(dirname "$0")/.."
PYTHON=/usr/bin/python3
LINK=.runner/venv
inputs=$(cat scripts/python/requirements.txt; "$PYTHON" --version)
hash=$(printf '%s' "$inputs" | sha256sum | cut -c1-16)

if [ "$(id -u)" -eq 0 ]; then
  target=/var/lib/crossroads/runner/$hash/venv
else
  target=$PWD/.runner/venv-$hash
fi
if [ -x "$target/bin/python" ] && [ -f "$target/.complete" ] && [ "$(readlink "$LINK" 2>/dev/null)" = "$target" ]; then
  exit 0
fi

if ! "$PYTHON" -c "import venv, ensurepip" 2>/dev/null; then
  apt-get install -y python3-venv >/dev/null
fi
mkdir -p "$(dirname "$target")"
chmod 755 /var/lib/crossroads /var/lib/crossroads/runner "$(dirname "$target")" 2>/dev/null || true
# Several clones may set up at once: one builds, the others wait for it.
exec 8>"$(dirname "$target")/.lock"
flock 8
if [ ! -f "$target/.complete" ]; then
  rm -rf "$target"
  "$PYTHON" -m venv "$target"
  "$target/bin/pip" install --quiet --retries 0 --timeout 5 -r scripts/python/requirements.txt
  chmod -R a+rX "$target"
  touch "$target/.complete"
fi
mkdir -p .runner
ln -sfn "$target" "$LINK.new"
rm -rf "$LINK"
mv -T "$LINK.new" "$LINK"
echo "Python runner environment ready in $target (linked from $LINK)"
