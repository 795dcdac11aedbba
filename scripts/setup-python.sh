#!/usr/bin/env bash
# The CPython environment the server sandboxes run learner code and checks in, from Debian's
# /usr/bin/python3, the pinned packages in scripts/python/requirements.txt (pip's configured index) and
# the pure-Python packages the index lacks, pinned in scripts/python/debian-packages.txt and taken from
# Debian's archive (docs/decisions/0023-python-packages-beyond-the-frameworks.md).
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
DEBIAN_PINS=scripts/python/debian-packages.txt
# Everything the venv is made from, this recipe included: a change to any of them builds a new one.
inputs=$(cat scripts/python/requirements.txt "$DEBIAN_PINS" scripts/setup-python.sh; "$PYTHON" --version)
hash=$(printf '%s' "$inputs" | sha256sum | cut -c1-16)

if [ "$(id -u)" -eq 0 ]; then
  target=/var/lib/crossroads/runner/$hash/venv
  deb_cache=/var/lib/crossroads/runner/debs
else
  target=$PWD/.runner/venv-$hash
  deb_cache=$PWD/.runner/debs
fi
if [ -x "$target/bin/python" ] && [ -f "$target/.complete" ] && [ "$(readlink "$LINK" 2>/dev/null)" = "$target" ]; then
  exit 0
fi

# One pinned .deb in the cache: downloaded (with apt's signature-checked lists, refreshed once if the
# pinned version is not in them) only when the cache lacks it or holds a copy with another checksum.
fetch_deb() {
  local name=$1 version=$2 sum=$3 file=$deb_cache/$1_$2.deb dl
  if [ -f "$file" ] && printf '%s  %s\n' "$sum" "$file" | sha256sum -c --status; then
    return
  fi
  dl=$(mktemp -d)
  chown _apt "$dl" 2>/dev/null || true # apt downloads as _apt when it can write there
  if ! (cd "$dl" && apt-get download -q "$name=$version" >/dev/null 2>&1); then
    (cd "$dl" && { apt-get update -q >/dev/null 2>&1 || true; } && apt-get download -q "$name=$version" >/dev/null) || {
      echo "setup-python: cannot download $name $version from Debian's archive (see $DEBIAN_PINS)" >&2
      rm -rf "$dl"
      return 1
    }
  fi
  local got=("$dl"/*.deb)
  if ! printf '%s  %s\n' "$sum" "${got[0]}" | sha256sum -c --status; then
    echo "setup-python: $name $version from Debian's archive does not match the SHA-256 in $DEBIAN_PINS" >&2
    rm -rf "$dl"
    return 1
  fi
  mkdir -p "$deb_cache"
  mv "${got[0]}" "$file.tmp.$$"
  mv "$file.tmp.$$" "$file"
  rm -rf "$dl"
}

# The packages of $DEBIAN_PINS, unpacked and copied into the venv's site-packages, then byte-compiled
# (the sandbox uids cannot write .pyc files there).
install_debian_packages() {
  local venv=$1 site work name version sum
  site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  work=$(mktemp -d)
  while read -r name version sum; do
    case "$name" in '' | '#'*) continue ;; esac
    fetch_deb "$name" "$version" "$sum" </dev/null || { rm -rf "$work"; return 1; }
    dpkg-deb -x "$deb_cache/${name}_$version.deb" "$work"
  done <"$DEBIAN_PINS"
  # DRF's browsable-API CSS, JS and fonts are links into Debian's font and JavaScript packages,
  # which are not installed: drop the dangling links rather than copy them.
  find "$work" -xtype l -delete
  local packages=$work/usr/lib/python3/dist-packages
  cp -R "$packages/." "$site/"
  (cd "$packages" && find . -mindepth 1 -maxdepth 1 -type d ! -name '*-info' -printf '%f\0') |
    while IFS= read -r -d '' top; do "$venv/bin/python" -m compileall -q "$site/$top" >/dev/null; done
  rm -rf "$work"
}

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
  install_debian_packages "$target"
  chmod -R a+rX "$target"
  touch "$target/.complete"
fi
mkdir -p .runner
ln -sfn "$target" "$LINK.new"
rm -rf "$LINK"
mv -T "$LINK.new" "$LINK"
echo "Python runner environment ready in $target (linked from $LINK)"
