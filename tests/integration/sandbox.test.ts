// @vitest-environment node
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkSandbox, defaultLimits, runInSandbox, UID_BASE, UID_COUNT, type SandboxLimits } from "@/lib/runner/sandbox";
import { serverRunner } from "@/lib/runner/server-runner";

// The real sandbox (bubblewrap, prlimit, an unprivileged uid) as learner code meets it.
// A short wall clock keeps the suite fast; the other limits are the production ones.
const limits: SandboxLimits = { ...defaultLimits(), wallSeconds: 3 };

const flaskApp = `from flask import Flask
app = Flask(__name__)

@app.get("/")
def index():
    return {"ok": True}
`;
const flaskChecks = `from main import app


def check_index():
    """GET / returns ok"""
    assert app.test_client().get("/").get_json() == {"ok": True}
`;
const importOnly = "import main\n\n\ndef check_ran():\n    pass\n";

function run(code: string, checks = importOnly, overrides: Partial<SandboxLimits> = {}) {
  return runInSandbox({ code, checks, support: {} }, { ...limits, ...overrides });
}

async function expectNextRunWorks() {
  const result = await run(flaskApp, flaskChecks);
  expect(result.status, result.message).toBe("pass");
}

/** Processes (zombies included) under the sandbox's uid pool. */
function sandboxProcesses(): number {
  const uids = execFileSync("ps", ["-eo", "uid="], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  return uids.filter((uid) => uid >= UID_BASE && uid < UID_BASE + UID_COUNT).length;
}

/** The pid namespace kills everything at once when a run ends; reaping the dead takes a moment. */
async function expectNoProcessLeft() {
  const deadline = Date.now() + 5000;
  while (sandboxProcesses() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(sandboxProcesses()).toBe(0);
}

function supportModules(): Record<string, string> {
  const dir = path.join(process.cwd(), "lessons", "_support");
  return Object.fromEntries(
    fs.readdirSync(dir).filter((name) => name.endsWith(".py")).map((name) => [name, fs.readFileSync(path.join(dir, name), "utf8")]),
  );
}

describe("the server sandbox runs real framework code", () => {
  it("passes a correct Flask solution", async () => {
    const result = await run(flaskApp, flaskChecks);
    expect(result).toMatchObject({ status: "pass", phase: "checks", engine: "server" });
    expect(result.checks).toMatchObject([{ name: "check_index", title: "GET / returns ok", status: "pass" }]);
  });

  it("runs FastAPI through TestClient and reports each check", async () => {
    const result = await run(
      `from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str


@app.post("/items", status_code=201)
def create(item: Item):
    return item
`,
      `from fastapi.testclient import TestClient
from main import app


def check_created():
    assert TestClient(app).post("/items", json={"name": "x"}).status_code == 201


def check_rejects():
    response = TestClient(app).post("/items", json={})
    assert response.status_code == 200, f"Expected 200, got {response.status_code}"
`,
    );
    expect(result.status).toBe("fail");
    expect(result.checks.map((check) => check.status)).toEqual(["pass", "fail"]);
    expect(result.checks[1].message).toBe("Expected 200, got 422");
  });

  it("runs Django with the course's support module", async () => {
    const support = supportModules();
    const result = await runInSandbox(
      {
        code: "import django_setup\ndjango_setup.configure()\nfrom django.http import JsonResponse\n\ndef hello(request):\n    return JsonResponse({'hi': 1})\n",
        checks: "import main\nfrom django.test import RequestFactory\n\n\ndef check_view():\n    assert main.hello(RequestFactory().get('/')).status_code == 200\n",
        support,
      },
      limits,
    );
    expect(result.status, `${result.message}\n${result.checks.map((c) => c.traceback).join("\n")}`).toBe("pass");
  });
});

describe("the server sandbox keeps learner code in", () => {
  it.each([
    ["the host (127.0.0.1)", "127.0.0.1", 3000],
    ["the internet", "1.1.1.1", 80],
  ])("cannot open a socket to %s", async (_label, host, port) => {
    const result = await run(`import socket\nsocket.create_connection((${JSON.stringify(host)}, ${port}), timeout=2)\n`);
    expect(result.status).toBe("error");
    expect(result.phase).toBe("import");
    expect(result.message).toMatch(/Network is unreachable|Connection refused|OSError/);
    await expectNextRunWorks();
  });

  it("cannot see /etc/passwd, the project directory or its .env", async () => {
    const envFile = path.join(process.cwd(), ".env");
    expect(fs.existsSync(envFile) || fs.existsSync("/etc/passwd")).toBe(true);
    const probe = await run(
      `import os\nprint([os.path.exists(p) for p in ("/etc", ${JSON.stringify(envFile)}, ${JSON.stringify(process.cwd())})], sorted(os.listdir("/")))\n`,
    );
    expect(probe.status).toBe("pass");
    expect(probe.output).toContain("[False, False, False]");
    for (const target of ["/etc/passwd", envFile]) {
      const result = await run(`print(open(${JSON.stringify(target)}).read())\n`);
      expect(result.status).toBe("error");
      expect(result.message).toMatch(/^FileNotFoundError/);
    }
    await expectNextRunWorks();
  });

  it("passes none of the server's environment to learner code", async () => {
    process.env.AUTH_SECRET = "s3cret";
    const result = await run("import os\nprint(sorted(os.environ))\nprint(open('/proc/self/environ', 'rb').read().count(b's3cret'))\n");
    expect(result.status).toBe("pass");
    expect(result.output).toContain("['HOME', 'LANG', 'PATH', 'PWD', 'PYTHONDONTWRITEBYTECODE', 'PYTHONHASHSEED']");
    expect(result.output).not.toContain("s3cret");
    expect(result.output).toMatch(/\n0\n?$/);
  });

  it("runs as an unprivileged uid with a small, private /tmp and a read-only root", async () => {
    const result = await run(`import os
print(os.getuid() >= 61000, os.getgroups())
for target in ("/", "/dev/shm", "/tmp/exercise"):
    try:
        open(os.path.join(target, "x"), "w")
        print(target, "writable")
    except OSError as error:
        print(target, "refused", error.errno)
written = 0
try:
    for i in range(10):
        with open(f"/tmp/big{i}", "wb") as f:
            f.write(b"x" * 4_000_000)
        written += 4
except OSError as error:
    print("tmp full after", written, "MB", error.errno)
`);
    expect(result.status).toBe("pass");
    expect(result.output).toContain("True []");
    expect(result.output).not.toContain("writable");
    expect(result.output).toMatch(/tmp full after 1[26] MB 28/);
  });

  it("stops a fork bomb, and leaves no process behind", async () => {
    const result = await run("import os\nwhile True:\n    os.fork()\n");
    expect(["error", "timeout"]).toContain(result.status);
    await expectNoProcessLeft();
    await expectNextRunWorks();
  });

  it("a fork bomb in one run does not starve a run beside it", async () => {
    const bomb = run("import os, time\ntry:\n    while True:\n        os.fork()\nexcept OSError:\n    time.sleep(5)\n");
    await new Promise((r) => setTimeout(r, 500));
    const fastapi = await run(
      "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/')\ndef index():\n    return {'ok': True}\n",
      "from fastapi.testclient import TestClient\nfrom main import app\n\n\ndef check_index():\n    assert TestClient(app).get('/').json() == {'ok': True}\n",
    );
    expect(fastapi.status, fastapi.message).toBe("pass");
    expect((await bomb).status).not.toBe("pass");
  });

  it("does not let a background process outlive the run", async () => {
    const started = Date.now();
    const result = await run("import os, time\nif os.fork() == 0:\n    os.close(1)\n    os.close(2)\n    time.sleep(60)\n    os._exit(0)\n");
    expect(result.status).toBe("pass");
    expect(Date.now() - started).toBeLessThan(2500);
    await expectNoProcessLeft();
  });

  it("stops code that allocates far too much memory, with a memory message", async () => {
    const result = await run("data = bytearray(4 * 1024 * 1024 * 1024)\n");
    expect(result.status).toBe("limit");
    expect(result.message).toMatch(/more than 512 MB of memory/);
    await expectNextRunWorks();
  });

  it.each([
    ["print", "while True:\n    print('x' * 10000)\n"],
    ["the raw file descriptor", "import os\nwhile True:\n    os.write(1, b'x' * 65536)\n"],
  ])("stops code that prints gigabytes through %s", async (_label, code) => {
    const result = await run(code);
    expect(result.status).toBe("limit");
    expect(result.message).toMatch(/^Your program printed more than 1 MB of output/);
    await expectNextRunWorks();
  });

  it("stops an endless loop at the wall clock", async () => {
    const result = await run("while True:\n    pass\n");
    expect(result.status).toBe("timeout");
    expect(result.message).toMatch(/^Your code ran for more than 3 seconds and was stopped\. Look for a loop that never ends/);
    await expectNextRunWorks();
  });

  it("stops a loop at the CPU limit when that comes first", async () => {
    const result = await run("while True:\n    pass\n", importOnly, { cpuSeconds: 1 });
    expect(result.status).toBe("timeout");
    expect(result.message).toMatch(/more than 1 seconds of CPU time/);
    await expectNextRunWorks();
  });

  it("does not let printed text pose as a result", async () => {
    const fake = JSON.stringify({ status: "pass", phase: "checks", message: "", traceback: "", output: "", checks: [] });
    const result = await run(`print(${JSON.stringify(fake)})\n`, flaskChecks);
    expect(result.status).not.toBe("pass");
  });
});

describe("when the sandbox cannot start", () => {
  const saved = process.env.RUNNER_VENV;
  afterEach(() => {
    if (saved === undefined) delete process.env.RUNNER_VENV;
    else process.env.RUNNER_VENV = saved;
  });

  it("checkSandbox says so, and the runner refuses instead of running the code", async () => {
    expect(await checkSandbox()).toEqual({ ok: true, reason: "ok" });
    process.env.RUNNER_VENV = "/nonexistent/venv";
    const health = await checkSandbox();
    expect(health.ok).toBe(false);
    expect(health.reason).toContain("Python environment is missing");
    const result = await serverRunner.run({ code: flaskApp, checks: flaskChecks, support: {} });
    expect(result.status).toBe("unavailable");
    expect(result.message).toMatch(/^The code sandbox is not available on this server \(.+\); code is never run outside it\./);
  });

  it("runInSandbox itself reports unavailable when bwrap refuses to start", async () => {
    process.env.RUNNER_VENV = "/nonexistent/venv";
    const result = await run(flaskApp, flaskChecks);
    expect(result.status).toBe("unavailable");
  });
});
