#!/usr/bin/env bash
# The server-side code sandbox's tools: bubblewrap, and util-linux's setpriv and prlimit.
# Idempotent and silent when everything is already there.
set -euo pipefail

missing=()
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
if ! command -v setpriv >/dev/null 2>&1 || ! command -v prlimit >/dev/null 2>&1; then
  missing+=(util-linux)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup-sandbox: ${missing[*]} missing; run this script as root (apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  # Try the local package lists first; refresh them only when that fails.
  if ! apt-get install -y -q "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -q >/dev/null
    apt-get install -y -q "${missing[@]}" >/dev/null
  fi
  echo "setup-sandbox: installed ${missing[*]}"
fi

# The runner drops to an unprivileged uid before bwrap (RLIMIT_NPROC is not enforced for root),
# so bwrap must be able to create a user namespace from there. Say so now rather than at the first run;
# a warning, not a failure: without the sandbox the server engine refuses to run code, it never runs it bare.
if ! err=$(setpriv --reuid=61000 --regid=61000 --clear-groups --inh-caps=-all --pdeathsig KILL \
  bwrap --unshare-all --unshare-user --disable-userns --die-with-parent --ro-bind /usr /usr \
  --symlink usr/lib /lib --symlink usr/lib64 /lib64 --symlink usr/bin /bin /usr/bin/true 2>&1); then
  echo "setup-sandbox: WARNING bubblewrap cannot start a sandbox here: ${err%%$'\n'*}" >&2
  echo "setup-sandbox: the server engine will answer \"unavailable\" instead of running code" >&2
fi
