// @vitest-environment node
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  closeWarmPool,
  defaultLimits,
  runInSandbox,
  sandboxCommand,
  UID_BASE,
  UID_COUNT,
  venvPath,
  warmFramework,
  warmPoolCounts,
  type SandboxLimits,
} from "@/lib/runner/sandbox";
import { resetSandboxHealth, sandboxHealth } from "@/lib/runner/sandbox-health";
import { serverRunner } from "@/lib/runner/server-runner";

// The real sandboxes (bubblewrap, prlimit, cgroups, seccomp, unprivileged uids) as learner code meets them.
// A short wall clock keeps the suite fast; the other limits are the production ones.
const limits: SandboxLimits = { ...defaultLimits(), wallSeconds: 5 };

const flaskApp = `from flask import Flask
app = Flask(__name__)

@app.get("/")
def index():
    return {"ok": True}
`;
const flaskChecks = `def check_index(client):
    """GET / returns ok"""
    assert client.get("/").json() == {"ok": True}
`;
// Learner code for the isolation tests: whatever it does at import, then a minimal WSGI app.
const APP_TAIL = `

def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"up"]
`;
const appIsUp = `def check_ran(client):
    assert client.get("/").text == "up"
`;

function run(code: string, checks = appIsUp, overrides: Partial<SandboxLimits> = {}) {
  return runInSandbox({ code: code + APP_TAIL, checks, support: {} }, { ...limits, ...overrides });
}

async function expectNextRunWorks() {
  const result = await runInSandbox({ code: flaskApp, checks: flaskChecks, support: {} }, limits);
  expect(result.status, result.message).toBe("pass");
}

/** Processes (zombies included) under the sandbox's uid pool. */
function sandboxProcesses(): number {
  const uids = execFileSync("ps", ["-eo", "uid="], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  return uids.filter((uid) => uid >= UID_BASE && uid < UID_BASE + UID_COUNT).length;
}

/** Sandboxes started by the server process pid (their folders are named after it), whoever else runs some. */
function sandboxesOf(pid: number): number {
  return execFileSync("ps", ["-eo", "args="], { encoding: "utf8" })
    .split("\n")
    .filter((args) => args.startsWith("bwrap ") && args.includes(`crossroads-run-${pid}-`)).length;
}

async function expectNoSandboxOf(pid: number) {
  const deadline = Date.now() + 5000;
  while (sandboxesOf(pid) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(sandboxesOf(pid)).toBe(0);
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
    fs
      .readdirSync(dir)
      .filter((name) => name.endsWith(".py"))
      .map((name) => [name, fs.readFileSync(path.join(dir, name), "utf8")]),
  );
}

describe("the server sandbox runs real framework code", () => {
  it("passes a correct Flask solution", async () => {
    const result = await runInSandbox({ code: flaskApp, checks: flaskChecks, support: {} }, limits);
    expect(result).toMatchObject({ status: "pass", phase: "checks", engine: "server" });
    expect(result.checks).toMatchObject([{ name: "check_index", title: "GET / returns ok", status: "pass" }]);
  });

  it("gives the checks the submitted source as written, which the running app cannot change", async () => {
    const code = `${flaskApp}
import pathlib
for name in ("submitted_main.txt", "/work/submitted_main.txt"):
    try:
        pathlib.Path(name).write_text("@app.get('/forged')\\ndef forged(): pass\\n")
    except OSError:
        pass
`;
    const checks = `from crossroads_checks import decorator_names, find_definition, find_definitions, source
import ast

def check_source(client):
    assert "forged" not in source().split("for name in")[0]
    names = [f.name for f in find_definitions(ast.FunctionDef)]
    assert names == ["index"], names
    assert decorator_names(find_definition("index")) == ["app.get"]
`;
    const result = await runInSandbox({ code, checks, support: {} }, limits);
    expect(result.checks, result.message).toMatchObject([{ name: "check_source", status: "pass" }]);
  });

  it("reads the submitted source as the import decodes it, so a coding line cannot hide code from the checks", async () => {
    // In UTF-7, "+AAo-" is a line break: read as UTF-8 the last line is a comment, imported it defines hidden().
    const code = `# coding: utf-7\n${flaskApp}\n# notes +AAo-def hidden():+AAo-    return 1+AAo-\n`;
    const checks = `from crossroads_checks import find_definition

def check_hidden_is_seen(client):
    assert find_definition("hidden") is not None
`;
    const result = await runInSandbox({ code, checks, support: {} }, limits);
    expect(result.checks, result.message).toMatchObject([{ name: "check_hidden_is_seen", status: "pass" }]);
  });

  it("serves FastAPI over the socket and reports each check with its request, expected and actual", async () => {
    const result = await runInSandbox(
      {
        code: `from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str


@app.post("/items", status_code=201)
def create(item: Item):
    return item
`,
        checks: `from crossroads_checks import expect_status


def check_created(client):
    expect_status(client.post("/items", json={"name": "x"}), 201)


def check_rejects(client):
    expect_status(client.post("/items", json={}), 200)
`,
        support: {},
      },
      limits,
    );
    expect(result.status).toBe("fail");
    expect(result.checks.map((check) => check.status)).toEqual(["pass", "fail"]);
    expect(result.checks[1]).toMatchObject({
      message: "Expected status 200 from POST /items with body {}, got 422",
      request: "POST /items with body {}",
      expected: "status 200",
    });
    expect(result.checks[1].actual).toMatch(/^422 \(application\/json\)\n\{"detail":\[\{"type":"missing"/);
  });

  it("runs Django with the course's support module", async () => {
    const result = await runInSandbox(
      {
        code: "import django_setup\ndjango_setup.configure()\nfrom django.contrib.auth.models import User\nfrom django.http import JsonResponse\nfrom django.urls import path\n\ndef count(request):\n    return JsonResponse({'users': User.objects.count()})\n\nurlpatterns = [path('count/', count)]\ndjango_setup.migrate()\n",
        checks: "def check_view(client):\n    response = client.get('/count/')\n    assert response.json() == {'users': 0}\n",
        support: supportModules(),
      },
      limits,
    );
    expect(result.status, `${result.message}\n${result.traceback}\n${result.checks.map((c) => c.message).join("\n")}`).toBe("pass");
  });

  it("shows the traceback when the learner's module fails to import", async () => {
    const result = await runInSandbox(
      { code: "import flask\nraise ValueError('boom at import')\n", checks: flaskChecks, support: {} },
      limits,
    );
    expect(result).toMatchObject({ status: "error", phase: "import" });
    expect(result.traceback).toMatch(/File "\/tmp\/work\/main\.py", line 2[\s\S]*ValueError: boom at import/);
    expect(result.traceback).not.toMatch(/app_server|crossroads_app/);
  });

  it("adds the framework-aware hints to an app that fails to import", async () => {
    const code =
      "from fastapi import FastAPI\nimport time\napp = FastAPI()\n\n@app.get('/')\nasync def index():\n    time.sleep(1)\n    return {}\n\nraise ValueError('boom')\n";
    const result = await runInSandbox({ code, checks: flaskChecks, support: {} }, limits);
    expect(result).toMatchObject({ status: "error", phase: "import" });
    expect(result.hints?.map((hint) => hint.rule)).toContain("sleep-in-async");
  });

  it("runs the runner's own Python from bytecode in both sandboxes", async () => {
    // Where each sandbox's program came from, and whether a module of ours had bytecode beside it that Python
    // would use: a checked-hash .pyc holds the hash of its source's bytes at offset 8.
    const loadedFrom = (module: string) =>
      `print("loaded", os.path.basename(sys.modules["__main__"].__file__), ` +
      `open(${module}.__cached__, "rb").read()[8:16] == importlib.util.source_hash(open(${module}.__file__, "rb").read()))`;
    const code = `import importlib.util, os, sys, crossroads_app\n${loadedFrom("crossroads_app")}\n`;
    const checks = `import importlib.util, os, sys, crossroads_checks\n\ndef check_ran(client):\n    ${loadedFrom("crossroads_checks")}\n    assert client.get("/").text == "up"\n`;
    const result = await run(code, checks);
    expect(result.status, result.message).toBe("pass");
    expect(result.output).toContain("loaded app_server.pyc True");
    expect(result.checks?.[0].output).toContain("loaded run_checks.pyc True");
  });
});

describe("the server sandbox keeps learner code in", () => {
  it.each([
    ["the host (127.0.0.1)", "127.0.0.1", 3000],
    ["the internet", "1.1.1.1", 80],
  ])("cannot open a socket to %s", async (_label, host, port) => {
    const result = await run(`import socket\nsocket.create_connection((${JSON.stringify(host)}, ${port}), timeout=2)\n`);
    expect(result).toMatchObject({ status: "error", phase: "import" });
    expect(result.traceback).toMatch(/Network is unreachable|Connection refused|OSError/);
    await expectNextRunWorks();
  });

  it("cannot see /etc/passwd, the project directory, its .env or the checks", async () => {
    const envFile = path.join(process.cwd(), ".env");
    expect(fs.existsSync(envFile) || fs.existsSync("/etc/passwd")).toBe(true);
    const probe = await run(
      `import os\nprint([os.path.exists(p) for p in ("/etc", ${JSON.stringify(envFile)}, ${JSON.stringify(process.cwd())}, "checks.py", "run_checks.py")], sorted(os.listdir(".")))\n`,
    );
    expect(probe.status).toBe("pass");
    expect(probe.output).toContain("[False, False, False, False, False]");
    for (const target of ["/etc/passwd", envFile]) {
      const result = await run(`print(open(${JSON.stringify(target)}).read())\n`);
      expect(result.status).toBe("error");
      expect(result.traceback).toMatch(/FileNotFoundError/);
    }
    await expectNextRunWorks();
  });

  it("passes none of the server's environment to learner code", async () => {
    process.env.AUTH_SECRET = "s3cret";
    const result = await run("import os\nprint(sorted(os.environ))\nprint(open('/proc/self/environ', 'rb').read().count(b's3cret'))\n");
    expect(result.status).toBe("pass");
    expect(result.output).toContain(
      "['HOME', 'LANG', 'PATH', 'PWD', 'PYDANTIC_DISABLE_PLUGINS', 'PYTHONDONTWRITEBYTECODE', 'PYTHONUNBUFFERED', 'SETUPTOOLS_USE_DISTUTILS']",
    );
    expect(result.output).not.toContain("s3cret");
  });

  it("runs as an unprivileged uid with a small, private /tmp and a read-only root", async () => {
    const result = await run(`import os
print(os.getuid() >= 61000, os.getgroups())
for target in ("/", "/dev/shm", "/tmp/work"):
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

  it("can put only a few small files in the directory it shares with the checks", async () => {
    const result = await run(`import os
written = 0
try:
    for i in range(1000):
        with open(f"/sockets/junk{i}", "wb") as f:
            f.write(b"x" * 4096)
        written += 1
except OSError as error:
    print("stopped after", written, "files", error.errno)
for i in range(written + 1):
    if os.path.exists(f"/sockets/junk{i}"):
        os.remove(f"/sockets/junk{i}")
`);
    expect(result.status, result.traceback).toBe("pass");
    expect(result.output).toMatch(/stopped after \d{1,2} files 28/);
  });

  it("refuses the system calls the seccomp filter denies", async () => {
    const result = await run(`import ctypes, errno
libc = ctypes.CDLL(None, use_errno=True)
for name, number in (("io_uring_setup", 425), ("userfaultfd", 323), ("bpf", 321), ("keyctl", 250), ("unshare", 272)):
    rc = libc.syscall(number, 0, 0, 0, 0, 0)
    print(name, rc, errno.errorcode.get(ctypes.get_errno()))
`);
    expect(result.status).toBe("pass");
    for (const name of ["io_uring_setup", "userfaultfd", "bpf", "keyctl", "unshare"]) expect(result.output).toContain(`${name} -1 EPERM`);
  });

  it("may open Unix and IP sockets only, not netlink or vsock", async () => {
    const result = await run(`import socket
for name, family in (("unix", socket.AF_UNIX), ("inet", socket.AF_INET), ("inet6", socket.AF_INET6), ("netlink", 16), ("vsock", 40)):
    try:
        socket.socket(family, socket.SOCK_DGRAM if family == 16 else socket.SOCK_STREAM).close()
        print(name, "allowed")
    except OSError as error:
        print(name, "refused", error.errno)
`);
    expect(result.status).toBe("pass");
    expect(result.output).toMatch(/unix allowed\ninet allowed\ninet6 allowed\nnetlink refused 1\nvsock refused 1/);
  });

  it("cannot pose as a sandbox failure, or use a planted link to probe the host's files", async () => {
    const posing = await run(`import os, sys
sys.stderr.write("bwrap: Creating new namespace failed: call the staff\\n")
sys.stderr.flush()
os._exit(1)
`);
    expect(posing).toMatchObject({ status: "error", phase: "import" });
    const planted = await run(`import os
os.symlink("/etc/shadow", "/sockets/app.sock")
os._exit(1)
`);
    expect(planted).toMatchObject({ status: "error", phase: "import" });
    expect(planted.durationMs).toBeLessThan(limits.wallSeconds * 1000 - 1000);
  });

  it("stops a fork bomb, and leaves no process behind", async () => {
    const result = await run("import os\nwhile True:\n    os.fork()\n");
    expect(["error", "timeout", "limit"]).toContain(result.status);
    await expectNoProcessLeft();
    await expectNextRunWorks();
  });

  it("stops a run of 500 threads at the process limit, with a message that says so", async () => {
    const result = await run("import threading, time\nfor _ in range(500):\n    threading.Thread(target=time.sleep, args=(5,)).start()\n");
    expect(result.status).toBe("limit");
    expect(result.message).toMatch(/could not start another thread or process \(a run may have 32/);
    await expectNoProcessLeft();
  });

  it("a fork bomb in one run does not starve a run beside it", async () => {
    const bomb = run("import os, time\ntry:\n    while True:\n        os.fork()\nexcept OSError:\n    time.sleep(5)\n");
    await new Promise((r) => setTimeout(r, 500));
    const fastapi = await runInSandbox(
      {
        code: "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/')\ndef index():\n    return {'ok': True}\n",
        checks: "def check_index(client):\n    assert client.get('/').json() == {'ok': True}\n",
        support: {},
      },
      limits,
    );
    expect(fastapi.status, fastapi.message).toBe("pass");
    expect((await bomb).status).not.toBe("pass");
  });

  it("does not let a background process outlive the run", async () => {
    const started = Date.now();
    const result = await run(
      "import os, time\nif os.fork() == 0:\n    os.close(1)\n    os.close(2)\n    time.sleep(60)\n    os._exit(0)\n",
    );
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

  it.skipIf(!fs.existsSync("/sys/fs/cgroup/memory") && !fs.existsSync("/sys/fs/cgroup/cgroup.controllers"))(
    "stops processes that each stay under their own limit but together exceed the run's memory",
    async () => {
      // Three processes of 300 MB each: every one is under the 512 MB address-space limit, the run is not.
      const result = await run(`import os, time
children = []
for _ in range(3):
    pid = os.fork()
    if pid == 0:
        block = bytearray(300 * 1024 * 1024)
        for i in range(0, len(block), 4096):
            block[i] = 1
        time.sleep(5)
        os._exit(0)
    children.append(pid)
for pid in children:
    os.waitpid(pid, 0)
`);
      expect(result.status).toBe("limit");
      expect(result.message).toMatch(/more than 512 MB of memory/);
      await expectNextRunWorks();
    },
  );

  it.each([
    ["print", "while True:\n    print('x' * 10000)\n"],
    ["the raw file descriptor", "import os\nwhile True:\n    os.write(1, b'x' * 65536)\n"],
  ])("stops code that prints gigabytes through %s", async (_label, code) => {
    const result = await run(code);
    expect(result.status).toBe("limit");
    expect(result.message).toMatch(/^Your program printed more than 1 MB of output/);
    await expectNextRunWorks();
  });

  it("stops an endless loop at the wall clock, and shows what was printed before", async () => {
    const result = await run("print('started the loop', flush=True)\nwhile True:\n    pass\n");
    expect(result.status).toBe("timeout");
    expect(result.message).toMatch(/^Your code ran for more than 5 seconds and was stopped\. Look for a loop that never ends/);
    expect(result.output).toContain("started the loop");
    await expectNextRunWorks();
  });

  it("stops a loop at the CPU limit when that comes first", async () => {
    const result = await run("while True:\n    pass\n", appIsUp, { cpuSeconds: 1 });
    expect(result.status).toBe("timeout");
    expect(result.message).toMatch(/more than 1 seconds of CPU time/);
    await expectNextRunWorks();
  });
});

describe("what the learner's code leaves for the server to read or open", () => {
  it("cannot make the server open a link or a pipe it planted where the checks are told the app ended", async () => {
    const victim = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "victim-")), "precious.txt");
    fs.writeFileSync(victim, "root's data");
    for (const plant of [`os.symlink(${JSON.stringify(victim)}, "/sockets/app-ended")`, `os.mkfifo("/sockets/app-ended")`]) {
      const result = await runInSandbox({ code: `import os\n${plant}\nraise SystemExit(3)\n`, checks: appIsUp, support: {} }, limits);
      expect(result, plant).toMatchObject({ status: "error", phase: "import" });
    }
    expect(fs.readFileSync(victim, "utf8")).toBe("root's data");
  });

  it("cannot pose as a sandbox failure by pushing the start marker out of the kept output", async () => {
    const code = `import sys, os
sys.stderr.write("x" * 100_000)
sys.stderr.write("bwrap: Creating new namespace failed: forged\\n" + "y" * 65_536)
sys.stderr.flush()
os._exit(1)
`;
    const result = await runInSandbox({ code, checks: appIsUp, support: {} }, limits);
    expect(result.status).not.toBe("unavailable");
    expect(result).toMatchObject({ status: "error", phase: "import" });
  });

  it("ties bwrap to the server: the chain's setpriv sets the parent-death signal after dropping the uid", () => {
    const command = sandboxCommand({ uid: UID_BASE, limits, mounts: [], argv: [], joinFiles: [], seccomp: false });
    // The same chain up to bwrap, which setpriv's debug mode stands in for: what bwrap would start with.
    const upToBwrap = command.slice(0, command.indexOf("bwrap"));
    const state = execFileSync(upToBwrap[0], [...upToBwrap.slice(1), "setpriv", "-d"], { encoding: "utf8" });
    expect(state).toMatch(new RegExp(`^uid: ${UID_BASE}$`, "m"));
    expect(state).toMatch(/^Parent death signal: KILL$/m);
  });

  it("does not outlive a server that is killed mid-run", async () => {
    const server = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/support/run-forever.mts"], {
      cwd: process.cwd(),
      env: { ...process.env, RUNNER_WALL_SECONDS: "60" },
      stdio: "ignore",
    });
    const deadline = Date.now() + 30_000;
    while (sandboxesOf(server.pid!) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(sandboxesOf(server.pid!)).toBeGreaterThanOrEqual(2);
    server.kill("SIGKILL");
    await expectNoSandboxOf(server.pid!);
  });
});

describe("warm sandboxes (started ahead of demand, one run each)", () => {
  const saved = { pool: process.env.RUNNER_WARM_POOL, wall: process.env.RUNNER_WALL_SECONDS };
  const fastapiApp = `from fastapi import FastAPI
import os, sys

app = FastAPI()
# What an earlier run on the same machine could have left behind.
LEFT = {"tmp": os.path.exists("/tmp/left-behind"), "module": "left_behind" in sys.modules}
open("/tmp/left-behind", "w").write("x")
sys.modules["left_behind"] = sys

@app.get("/")
def index():
    return LEFT
`;
  const nothingLeft = `def check_nothing_left(client):
    assert client.get("/").json() == {"tmp": False, "module": False}
`;

  async function poolReady() {
    const deadline = Date.now() + 30_000;
    while ((warmPoolCounts().fastapi ?? 0) < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(warmPoolCounts().fastapi).toBe(1);
  }

  afterEach(async () => {
    await closeWarmPool();
    for (const [name, value] of [
      ["RUNNER_WARM_POOL", saved.pool],
      ["RUNNER_WALL_SECONDS", saved.wall],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it("reads the framework from the learner's imports, or a support module's", () => {
    expect(warmFramework({ code: "from fastapi import FastAPI\n", support: {} })).toBe("fastapi");
    expect(warmFramework({ code: "import flask\n", support: {} })).toBe("flask");
    expect(warmFramework({ code: "import django_setup\n", support: { "django_setup.py": "import django\n" } })).toBe("django");
    expect(warmFramework({ code: "# from flask import Flask\nprint(1)\n", support: {} })).toBe("none");
  });

  it("hands each warm pair to one run: nothing a run leaves behind reaches the next, and the clock starts at go", async () => {
    process.env.RUNNER_WARM_POOL = "1";
    process.env.RUNNER_WALL_SECONDS = "3";
    const first = await runInSandbox({ code: fastapiApp, checks: nothingLeft, support: {} });
    expect(first.status, first.message).toBe("pass");
    await poolReady();
    // Waiting longer than a run's wall clock does not use up the next run's time.
    await new Promise((r) => setTimeout(r, 3500));
    expect(warmPoolCounts().fastapi).toBe(1);
    const second = await runInSandbox({ code: `import time\ntime.sleep(1.5)\n${fastapiApp}`, checks: nothingLeft, support: {} });
    expect(second.status, second.message).toBe("pass");
    await poolReady();
    const endless = await runInSandbox({ code: `${fastapiApp}\nwhile True:\n    pass\n`, checks: nothingLeft, support: {} });
    expect(endless.status).toBe("timeout");
    expect(endless.message).toMatch(/^Your code ran for more than 3 seconds/);
    expect(endless.durationMs).toBeLessThan(4500);
    await closeWarmPool();
    expect(sandboxesOf(process.pid)).toBe(0);
  });

  it("is not used for runs with other limits, nor kept when turned off", async () => {
    process.env.RUNNER_WARM_POOL = "0";
    const result = await runInSandbox({ code: fastapiApp, checks: nothingLeft, support: {} });
    expect(result.status, result.message).toBe("pass");
    expect(warmPoolCounts()).toEqual({});
    process.env.RUNNER_WARM_POOL = "1";
    await runInSandbox({ code: fastapiApp, checks: nothingLeft, support: {} }, limits);
    expect(warmPoolCounts()).toEqual({});
  });
});

describe("when the sandbox cannot start", () => {
  const saved = process.env.RUNNER_VENV;
  afterEach(() => {
    if (saved === undefined) delete process.env.RUNNER_VENV;
    else process.env.RUNNER_VENV = saved;
    resetSandboxHealth();
  });

  it("the health probe says so, and the runner refuses instead of running the code", async () => {
    resetSandboxHealth();
    expect(await sandboxHealth()).toMatchObject({ ok: true, seccomp: true });
    resetSandboxHealth();
    process.env.RUNNER_VENV = "/nonexistent/venv";
    const health = await sandboxHealth();
    expect(health.ok).toBe(false);
    expect(health.reason).toContain("Python environment is missing");
    const result = await serverRunner.run({ code: flaskApp, checks: flaskChecks, support: {} });
    expect(result.status).toBe("unavailable");
    expect(result.message).toMatch(/^The code sandbox is not available on this server \(.+\); code is never run outside it\./);
  });

  it("the health probe runs at most once a minute however often it is asked", async () => {
    resetSandboxHealth();
    const answers = await Promise.all(Array.from({ length: 5 }, () => sandboxHealth()));
    expect(new Set(answers.map((a) => a.checkedAt)).size).toBe(1);
    expect((await sandboxHealth()).checkedAt).toBe(answers[0].checkedAt);
  });

  it("the interpreter is reachable by the sandbox uids wherever the project is cloned", () => {
    // A clone under a 700 directory (root's home) must still work: the venv lives outside the project.
    let dir = venvPath();
    expect(fs.existsSync(path.join(dir, "bin", "python"))).toBe(true);
    while (dir !== path.dirname(dir)) {
      expect(fs.statSync(dir).mode & 0o001, `${dir} is not searchable by other users`).toBe(0o001);
      dir = path.dirname(dir);
    }
  });
});
