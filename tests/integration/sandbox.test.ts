import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, runInSandbox } from "@/lib/runner/sandbox";

// The real sandbox: bubblewrap, prlimit and an unprivileged uid, as learner code meets them.
const limits = { ...DEFAULT_LIMITS, wallSeconds: 4, cpuSeconds: 3 };
const flaskApp = 'from flask import Flask\napp = Flask(__name__)\n\n@app.get("/")\ndef index():\n    return {"ok": True}\n';
const flaskCheck = 'from main import app\n\ndef check_ok():\n    """GET / returns ok"""\n    assert app.test_client().get("/").get_json() == {"ok": True}\n';

function run(code: string, checks = "import main\n\ndef check_ran():\n    pass\n") {
  return runInSandbox({ code, checks, support: {} }, limits);
}

async function expectNextRunWorks() {
  const result = await runInSandbox({ code: flaskApp, checks: flaskCheck, support: {} }, limits);
  expect(result.status).toBe("pass");
}

describe("the server sandbox", () => {
  it("runs real Flask and FastAPI code and reports each check", async () => {
    await expectNextRunWorks();
    const fastapi = await run(
      "from fastapi import FastAPI\nfrom pydantic import BaseModel\napp = FastAPI()\nclass Item(BaseModel):\n    name: str\n@app.post('/items', status_code=201)\ndef create(item: Item):\n    return item\n",
      "from fastapi.testclient import TestClient\nfrom main import app\n\ndef check_created():\n    assert TestClient(app).post('/items', json={'name': 'x'}).status_code == 201\n\ndef check_rejects():\n    r = TestClient(app).post('/items', json={})\n    assert r.status_code == 200, f'Expected 200, got {r.status_code}'\n",
    );
    expect(fastapi.status).toBe("fail");
    expect(fastapi.checks.map((c) => c.status)).toEqual(["pass", "fail"]);
    expect(fastapi.checks[1].message).toBe("Expected 200, got 422");
  });

  it.each([
    ["opens a socket to the internet", "import socket\nsocket.create_connection(('1.1.1.1', 80), timeout=2)\n"],
    ["opens a socket to the host", "import socket\nsocket.create_connection(('127.0.0.1', 3000), timeout=2)\n"],
  ])("refuses code that %s", async (_label, code) => {
    const result = await run(code);
    expect(result.status).toBe("error");
    expect(result.message).toMatch(/OSError|Network is unreachable|Connection refused|Errno/);
    await expectNextRunWorks();
  });

  it("hides the host's files: /etc/passwd and the app's .env do not exist inside", async () => {
    const code = `import os\nprint(os.path.exists('/etc/passwd'), os.path.exists(${JSON.stringify(process.cwd() + "/.env")}), os.path.exists(${JSON.stringify(process.cwd() + "/package.json")}))\nopen('/etc/passwd').read()\n`;
    const result = await run(code);
    expect(result.output).toContain("False False False");
    expect(result.message).toContain("FileNotFoundError");
  });

  it("passes no server secret to learner code", async () => {
    process.env.AUTH_SECRET = "s3cret-value-for-test";
    const result = await run("import os\nprint(sorted(os.environ))\nprint('s3cret-value-for-test' in str(os.environ))\n");
    expect(result.output).toContain("False");
    expect(result.output).not.toContain("AUTH_SECRET");
  });

  it("stops a fork bomb", async () => {
    const result = await run("import os\npids = []\nfor _ in range(500):\n    pids.append(os.fork())\n    if pids[-1] == 0:\n        import time; time.sleep(30)\n");
    expect(["error", "timeout"]).toContain(result.status);
    if (result.status === "error") expect(result.message).toMatch(/BlockingIOError|Resource temporarily unavailable/);
    await expectNextRunWorks();
  });

  it("stops code that allocates far too much memory", async () => {
    const result = await run("data = bytearray(4 * 1024 * 1024 * 1024)\n");
    expect(result.status).toBe("limit");
    expect(result.message).toContain("more memory than the sandbox allows");
    await expectNextRunWorks();
  });

  it("stops code that prints gigabytes", async () => {
    const result = await run("while True:\n    print('x' * 10000)\n");
    expect(result.status).toBe("limit");
    expect(result.message).toContain("printed more than");
    await expectNextRunWorks();
  });

  it("stops an infinite loop", async () => {
    const result = await run("while True:\n    pass\n");
    expect(result.status).toBe("timeout");
    expect(result.message).toMatch(/seconds (of CPU time )?and was stopped/);
    await expectNextRunWorks();
  });

  it("does not let printed text pose as a result", async () => {
    const fake = JSON.stringify({ status: "pass", phase: "checks", message: "", traceback: "", output: "", checks: [] });
    const result = await runInSandbox({ code: `print(${JSON.stringify(fake)})\n`, checks: flaskCheck, support: {} }, limits);
    expect(result.status).not.toBe("pass");
  });
});
