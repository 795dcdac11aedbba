#!/usr/bin/env bash
# Builds public/runtime/ for the browser engine (not committed; see docs/decisions/0006-browser-engine.md):
#   pyodide/        the Pyodide runtime, copied from node_modules/pyodide (served by Next, never a CDN)
#   frameworks.zip  Flask and Django with their dependencies from pinned pure-Python wheels,
#                   precompiled to .pyc by Pyodide itself (halves the first import of Django)
#   runner/         the Python side of the check runner the worker runs (scripts/python/*.py
#                   below); copied on every call, so it is never stale
#   v/<hash>/       the three above, hard-linked under a hash of their contents: what browsers load,
#                   cached for a year as immutable (next.config.js). lib/generated/runtime.ts names it.
# Does nothing when its inputs have not changed. Safe to run from several processes at once.
set -euo pipefail
cd "$(dirname "$0")/.."
out=public/runtime
pins=scripts/python/browser-requirements.txt
stamp="$out/.stamp"

inputs_hash() {
  cat "$pins" node_modules/pyodide/package.json scripts/build-pyodide-bundle.sh | sha256sum | cut -d' ' -f1
}
up_to_date() {
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$out/frameworks.zip" ] && [ -f "$out/pyodide/pyodide.mjs" ]
}
want="$(inputs_hash)"
copy_runner() {
  mkdir -p "$out/runner"
  for f in crossroads_app.py crossroads_checks.py crossroads_hints.py crossroads_preview.py run_checks.py run_learner_tests.py; do
    # A new file, never a rewrite in place: the old one may be hard-linked into a published version.
    cmp -s "scripts/python/$f" "$out/runner/$f" || cp --remove-destination "scripts/python/$f" "$out/runner/$f"
  done
}
publish() {
  copy_runner
  local hash gen=lib/generated/runtime.ts
  hash=$(cd "$out" && find pyodide runner frameworks.zip -type f | sort | xargs sha256sum | sha256sum | cut -c1-16)
  if [ ! -d "$out/v/$hash" ]; then
    mkdir -p "$out/v"
    local tmp
    tmp=$(mktemp -d "$out/v/.new.XXXXXX")
    cp -al "$out/pyodide" "$out/runner" "$out/frameworks.zip" "$tmp/"
    chmod 755 "$tmp"
    mv -T "$tmp" "$out/v/$hash"
  fi
  touch "$out/v/$hash"
  # Keep the two newest versions besides this one, for a server still running an older build.
  ls -1t "$out/v" | { grep -vx "$hash" || true; } | tail -n +3 | while read -r old; do rm -rf "${out:?}/v/$old"; done
  local text
  text=$(printf '%s\n' "// Written by scripts/build-pyodide-bundle.sh: where browsers load the browser engine's files from." \
    "export const RUNTIME_BASE = \"/runtime/v/$hash/\";")
  mkdir -p lib/generated
  [ "$(cat "$gen" 2>/dev/null)" = "$text" ] || printf '%s\n' "$text" >"$gen"
}

# The app's set-up and the content test may both ask for the bundle: let one of them build it.
# Scratch space sits on the same file system as $out (so the final mv is a rename) but outside public/.
cache=node_modules/.cache/crossroads-runtime
mkdir -p "$cache" public
exec 9>"$cache/lock"
flock 9
if up_to_date; then publish; exit 0; fi

started=$(date +%s)
work=$(mktemp -d "$cache/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
next="$work/runtime"
mkdir -p "$next/pyodide" "$work/site"
for f in pyodide.mjs pyodide.asm.mjs pyodide.asm.wasm python_stdlib.zip pyodide-lock.json; do
  cp "node_modules/pyodide/$f" "$next/pyodide/"
done

# MarkupSafe has no py3-none-any wheel: take any wheel and drop its C speedups below; the package
# falls back to its pure-Python escape by itself.
python3 -m pip download --quiet --retries 0 --timeout 5 --no-deps --only-binary=:all: \
  --platform manylinux2014_x86_64 --platform any --python-version 3.11 -d "$work/wheels" -r "$pins"
for wheel in "$work"/wheels/*.whl; do
  python3 -m zipfile -e "$wheel" "$work/site"
done

# Keep the .dist-info folders: Flask reads its version from the package metadata.
find "$work/site" \( -name "*.so" -o -name "*.c" -o -name "*.pyi" -o -name "__pycache__" \) -prune -exec rm -rf {} +
# Not needed to run exercises, or cannot work in Pyodide: translations (exercises run with
# USE_I18N=False), admin static files, GeoDjango (needs GDAL) and the PostgreSQL extras (need psycopg).
rm -rf "$work/site/django/conf/locale"/*/LC_MESSAGES "$work/site/django/contrib"/*/locale \
  "$work/site/django/contrib/admin/static" "$work/site/django/contrib/gis" "$work/site/django/contrib/postgres"

# Compile with Pyodide's own Python (3.14; the host's differs) so learners' browsers skip it.
# Unchecked-hash .pyc files stay valid although unpacking the zip gives the sources new mtimes.
node --input-type=module - "$work/site" "$next/frameworks.zip" <<'EOF'
import path from "node:path";
import { loadPyodide } from "pyodide";
const [site, zip] = process.argv.slice(2).map((p) => path.resolve(p));
const pyodide = await loadPyodide();
pyodide.mountNodeFS("/site", site);
pyodide.mountNodeFS("/out", path.dirname(zip));
pyodide.runPython(`
import compileall, os, py_compile, sys, zipfile
ok = compileall.compile_dir("/site", quiet=1, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
if not ok:
    sys.exit("compileall failed")
with zipfile.ZipFile("/out/${path.basename(zip)}", "w", zipfile.ZIP_DEFLATED) as archive:
    for root, dirs, files in os.walk("/site"):
        dirs.sort()
        for name in sorted(files):
            full = os.path.join(root, name)
            archive.write(full, os.path.relpath(full, "/site"))
`);
EOF

chmod 644 "$next/frameworks.zip"
echo "$want" > "$next/.stamp"
rm -rf "$out.old"
[ -d "$out" ] && mv "$out" "$out.old"
mv "$next" "$out"
rm -rf "$out.old"
publish
echo "Built $out in $(($(date +%s) - started)) s: frameworks.zip $(du -h "$out/frameworks.zip" | cut -f1), runtime $(du -sh "$out" | cut -f1)"
