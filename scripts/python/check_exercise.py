"""Author tool: run an exercise's solution and starter through the harness in local CPython.

Usage: python scripts/python/check_exercise.py lessons/<track>/<lesson>/exercise [...]
Exits non-zero unless every solution passes all checks and every starter fails at least one.
No sandbox: run it only on content from this repository.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HARNESS = ROOT / "scripts" / "python" / "harness.py"
SUPPORT = ROOT / "lessons" / "_support"


def run_code(exercise_dir, code_file):
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        for support in SUPPORT.glob("*.py"):
            shutil.copy(support, work_path / support.name)
        shutil.copy(exercise_dir / code_file, work_path / "main.py")
        shutil.copy(exercise_dir / "checks.py", work_path / "checks.py")
        shutil.copy(HARNESS, work_path / "harness.py")
        nonce = uuid.uuid4().hex
        env = {"PATH": os.environ.get("PATH", ""), "CROSSROADS_NONCE": nonce, "HOME": work}
        done = subprocess.run(
            [sys.executable, "harness.py"], cwd=work, env=env, capture_output=True, text=True, timeout=60
        )
        for line in done.stdout.splitlines():
            if line.startswith(nonce):
                return json.loads(line[len(nonce):])
        return {"status": "error", "message": done.stderr[-2000:], "checks": []}


def describe(result):
    if not result["checks"]:
        return f"  {result['status']}: {result.get('message', '')}\n{result.get('traceback', '')}"
    return "\n".join(
        f"  [{check['status']}] {check['title']}" + (f" - {check['message']}" if check["message"] else "")
        for check in result["checks"]
    )


def main(paths):
    ok = True
    for raw in paths:
        exercise_dir = Path(raw)
        solution = run_code(exercise_dir, "solution.py")
        starter = run_code(exercise_dir, "starter.py")
        solution_ok = solution["status"] == "pass"
        starter_ok = solution_ok and starter["status"] != "pass"
        print(f"{exercise_dir}: solution {'passes' if solution_ok else 'FAILS'}, "
              f"starter {'fails a check' if starter_ok else 'PROBLEM'}")
        if not solution_ok:
            print(describe(solution))
        if starter["status"] == "pass":
            print("  the starter passes every check: the checks do not test the task")
        if starter.get("phase") == "import":
            print("  note: the starter does not import cleanly:\n" + describe(starter))
        ok = ok and solution_ok and starter_ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
