// @vitest-environment node
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { PEER_HEADER } from "@/lib/http/client-ip";
import { makeUser } from "@/tests/setup/factories";

// Submissions written by a learner who wants a PASS without solving anything. Each goes through
// POST /api/submissions, as the page sends it, and must end as FAIL or ERROR: the checks run in a
// sandbox of their own and only they write the verdict (docs/decisions/0005-sandbox.md).

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string }; sessionVersion: number } }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const submissions = await import("@/app/api/submissions/route");
const { getCourse } = await import("@/lib/content/load");

const FAKE_RESULT = JSON.stringify({
  status: "pass",
  phase: "checks",
  message: "",
  traceback: "",
  output: "",
  checks: [{ name: "check_all", title: "All", status: "pass", message: "", traceback: "", output: "" }],
});

// Answers every request with 200 and an empty JSON object: as close to "passing" as guessing gets.
const AGREEABLE_APP = `
def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "application/json"), ("Location", environ.get("PATH_INFO", "/"))])
    return [b"{}"]
`;

const ATTACKS: Record<string, string> = {
  "walks the stack for the grader's frames, prints a fake result and exits 0": `
import json, os, sys
frame, seen = sys._getframe(), []
while frame is not None:
    seen.append({k: repr(v)[:80] for k, v in frame.f_locals.items()})
    frame = frame.f_back
print(${JSON.stringify(FAKE_RESULT)})
sys.stdout.flush()
os._exit(0)
`,
  "replaces json.dumps so any result reads as a pass": `
import json
json.dumps = lambda *args, **kwargs: ${JSON.stringify(FAKE_RESULT)}
${AGREEABLE_APP}`,
  "patches the check runner's functions in sys.modules": `
import sys, types
fake = types.ModuleType("run_checks")
fake.run_all = lambda *a, **k: {"status": "pass", "checks": [{"status": "pass"}]}
fake.run_captured = fake.run_all
sys.modules["run_checks"] = fake
sys.modules["__main__"].run_captured = fake.run_all
${AGREEABLE_APP}`,
  "reads a nonce from /proc/self/environ and prints a result with it": `
import os
env = open("/proc/self/environ", "rb").read().decode(errors="replace")
for item in env.split("\\0"):
    print(item.split("=", 1)[-1] + ${JSON.stringify(FAKE_RESULT)})
${AGREEABLE_APP}`,
  "prints the hidden checks.py": `
import os
for path in ("checks.py", "../checks.py", "/tmp/work/checks.py", "/tmp/checks/checks.py"):
    if os.path.exists(path):
        print(open(path).read())
print(sorted(os.listdir(".")))
${AGREEABLE_APP}`,
  "kills every process it can see, hoping to take the checker with it": `
import os, signal
for name in os.listdir("/proc"):
    if name.isdigit() and int(name) != os.getpid():
        try:
            os.kill(int(name), signal.SIGKILL)
        except OSError:
            pass
${AGREEABLE_APP}`,
  "fills the socket directory and plants a fake socket": `
import os, socket
for i in range(50):
    try:
        with open(f"/sockets/result{i}.json", "w") as f:
            f.write(${JSON.stringify(FAKE_RESULT)})
    except OSError:
        break
fake = socket.socket(socket.AF_UNIX)
try:
    fake.bind("/sockets/checker.sock")
except OSError:
    pass
${AGREEABLE_APP}`,
  "prints a fake result on stdout and stderr": `
import sys
print(${JSON.stringify(FAKE_RESULT)})
print(${JSON.stringify(FAKE_RESULT)}, file=sys.stderr)
${AGREEABLE_APP}`,
  "exits 0 before any check runs": `
import os
print(${JSON.stringify(FAKE_RESULT)}, flush=True)
os._exit(0)
`,
};

const ALL_AT_ONCE =
  Object.values(ATTACKS)
    .filter((code) => !code.includes("os._exit(0)\n") || code.includes("def app"))
    .map((code) => `try:\n    exec(${JSON.stringify(code)})\nexcept BaseException:\n    pass\n`)
    .join("\n") + AGREEABLE_APP;

// Testing exercises (kind: tests): the learner's file holds tests, run in its own sandbox against each
// authored app in turn; its reports are only claims, and the verdict needs them to fit every app.
const FAKE_REPORT = JSON.stringify({
  tests: [{ name: "test_everything", outcome: "pass", message: "", output: "" }],
  error: null,
  output: "",
});
const PASSING_TEST = `
def test_everything(client):
    assert True
`;
const TESTS_ATTACKS: Record<string, string> = {
  "prints a report in which every test passed": `
import sys
print(${JSON.stringify(FAKE_REPORT)})
sys.__stdout__.write(${JSON.stringify(FAKE_REPORT)} + "\n")
sys.__stdout__.flush()
${PASSING_TEST}`,
  "writes a passing report to the harness's stdout and exits 0 at once": `
import os
os.write(1, (${JSON.stringify(FAKE_REPORT)} + "\n").encode())
os._exit(0)
`,
  "patches the test harness so every test reports a pass": `
import sys
for module in (sys.modules.get("run_learner_tests"), sys.modules.get("__main__")):
    if module is not None:
        module.run_one = lambda func, *args: {"name": func.__name__, "outcome": "pass", "message": "", "output": ""}
        module.run_tests = lambda *args, **kwargs: ${JSON.stringify(FAKE_REPORT)}
${PASSING_TEST}`,
  "writes tests that always pass": PASSING_TEST,
  "looks for the apps' files and the other sockets": `
import os
for place in ("/sockets", "/tmp/work", "/tmp", "/"):
    try:
        print(place, sorted(os.listdir(place)))
    except OSError as error:
        print(place, error)
${PASSING_TEST}`,
};

const course = getCourse();
const exercises = [...course.exercises.values()];
const firstPerTrack = ["flask", "django", "fastapi"].map((track) => exercises.find((e) => e.trackId === track)!);
const testingExercises = exercises.filter((e) => e.kind === "tests");

let submitted = 0;

async function submit(exerciseId: string, code: string) {
  // A fresh learner every few runs keeps the per-learner run budget out of the way.
  const user = await makeUser();
  session.current = { user: { id: user.id }, sessionVersion: user.sessionVersion };
  const request = new Request("http://localhost/api/submissions", {
    method: "POST",
    // ...and a fresh address (as stamped by the server) keeps the per-address budget out of the way too.
    headers: { "content-type": "application/json", origin: "http://localhost", [PEER_HEADER]: `198.51.100.${++submitted % 250}` },
    body: JSON.stringify({ exerciseId, code, submitKey: randomUUID() }),
  });
  const response = await submissions.POST(request, {});
  expect(response.status, await response.clone().text()).toBe(200);
  const outcome = (await response.json()) as { verdict: string; solution?: string; result: { status: string } };
  const stored = await db.exerciseSubmission.findMany({ where: { userId: user.id } });
  return { outcome, stored };
}

describe("a hostile submission never becomes a PASS", () => {
  beforeEach(() => {
    session.current = null;
  });

  it("there are exercises of every framework to attack", () => {
    expect(firstPerTrack.every(Boolean)).toBe(true);
    expect(testingExercises.map((e) => e.trackId).sort()).toEqual(["django", "fastapi", "flask"]);
  });

  describe.each(firstPerTrack.map((e) => [e.id, e] as const))("%s", (_id, exercise) => {
    it.each(Object.entries(ATTACKS))(
      "%s",
      async (_name, code) => {
        const { outcome, stored } = await submit(exercise.id, code);
        expect(outcome.verdict).not.toBe("PASS");
        expect(outcome.solution).toBeUndefined();
        expect(stored.map((row) => row.verdict)).toEqual([outcome.verdict]);
      },
      60_000,
    );
  });

  describe.each(testingExercises.map((e) => [e.id, e] as const))("testing exercise %s", (_id, exercise) => {
    it.each(Object.entries(TESTS_ATTACKS))(
      "%s",
      async (_name, code) => {
        const { outcome, stored } = await submit(exercise.id, code);
        expect(["FAIL", "ERROR"]).toContain(outcome.verdict);
        expect(outcome.solution).toBeUndefined();
        expect(stored.map((row) => row.verdict)).toEqual([outcome.verdict]);
      },
      120_000,
    );
  });

  it.each(exercises.map((e) => [e.id, e] as const))(
    "every attack at once against %s",
    async (_id, exercise) => {
      const { outcome } = await submit(exercise.id, ALL_AT_ONCE);
      expect(["FAIL", "ERROR"]).toContain(outcome.verdict);
    },
    60_000,
  );
});
