#!/usr/bin/env bash
# Builds public/runtime/: the Pyodide runtime (copied from node_modules/pyodide) and frameworks.zip,
# Flask and Django with their dependencies unpacked from pinned wheels, for the browser engine.
# Skips the work when the inputs have not changed. Output is not committed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=public/runtime
pins=scripts/python/browser-requirements.txt
stamp="$out/.stamp"
want="$(cat "$pins" node_modules/pyodide/package.json scripts/python/harness.py | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$out/frameworks.zip" ]; then exit 0; fi

rm -rf "$out" && mkdir -p "$out/pyodide"
for f in pyodide.mjs pyodide.asm.mjs pyodide.asm.wasm python_stdlib.zip pyodide-lock.json; do
  cp "node_modules/pyodide/$f" "$out/pyodide/"
done
cp scripts/python/harness.py "$out/harness.py"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --retries 0 --timeout 5 --no-deps --only-binary=:all: \
  --platform manylinux2014_x86_64 --platform any --python-version 3.11 -d "$work/wheels" -r "$pins"
mkdir -p "$work/site"
for wheel in "$work"/wheels/*.whl; do
  python3 -m zipfile -e "$wheel" "$work/site"
done
# Pure Python only: MarkupSafe falls back to its Python escape when _speedups is missing.
find "$work/site" \( -name "*.so" -o -name "__pycache__" \) -prune -exec rm -rf {} +
# Django's translations and bundled admin assets are not needed to run exercises.
rm -rf "$work/site/django/conf/locale"/*/LC_MESSAGES "$work/site/django/contrib"/*/locale "$work/site/django/contrib/admin/static"
(cd "$work/site" && python3 -m zipfile -c "$OLDPWD/$out/frameworks.zip" .)
echo "$want" > "$stamp"
echo "Built $out ($(du -sh "$out/frameworks.zip" | cut -f1) frameworks.zip)"
