// @vitest-environment node
import { describe, expect, it } from "vitest";
import { NodePyodideSession } from "@/tests/support/pyodide-node";

// Runs in one Pyodide interpreter share what Python keeps process-wide. Modules and the run folder are
// forgotten between runs (run-in-pyodide.ts); so are the loggers' levels and handlers, which would otherwise
// let one run's logging.disable(), setLevel(ERROR) or filter silence the next run's warnings, and changes to builtins
// and os.environ.

const session = new NodePyodideSession();
/** Runs a Flask app (no checks) that logs a warning after the given setup lines. */
const runApp = (...setup: string[]) =>
  session.run({
    code: `
import logging
from flask import Flask

${setup.join("\n")}
logging.getLogger("shop").warning("stock is low")
app = Flask(__name__)
`,
    checks: "",
    support: {},
  });

describe("browser runs in one interpreter", () => {
  it("start with the loggers as Python makes them, whatever the previous run configured", async () => {
    const silenced = await runApp(
      'logging.getLogger("shop").setLevel(logging.ERROR)',
      'logging.getLogger("shop").addHandler(logging.NullHandler())',
      'logging.getLogger("shop").addFilter(lambda record: False)',
      "logging.disable(logging.CRITICAL)",
    );
    expect(silenced.output).not.toContain("stock is low");
    const next = await runApp();
    expect(session.loads, "the same interpreter ran both").toBe(1);
    expect(next.output).toContain("stock is low");
  }, 120_000);

  it("start with Python's builtins and the environment, whatever the previous run rebound", async () => {
    await runApp(
      "import builtins, os",
      "builtins.print = lambda *args, **kwargs: None",
      "builtins.leaked = 1",
      'os.environ["CROSSROADS_LEAK"] = "1"',
    );
    const next = await runApp("import builtins, os", 'print("printed", hasattr(builtins, "leaked"), os.environ.get("CROSSROADS_LEAK"))');
    expect(session.loads, "the same interpreter ran both").toBe(1);
    expect(next.output).toContain("printed False None");
  }, 120_000);
});
