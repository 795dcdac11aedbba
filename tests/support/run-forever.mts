// A server process that starts one run of an app that never ends, for the test that kills this process
// mid-run (tests/integration/sandbox.test.ts): its sandboxes must die with it.
import { runInSandbox } from "@/lib/runner/sandbox";

console.log("starting");
await runInSandbox({ code: "import time\nwhile True:\n    time.sleep(1)\n", checks: "def check_x(client):\n    pass\n", support: {} });
