// @vitest-environment node
import { describe, expect, it } from "vitest";
import { NodePyodideSession } from "@/tests/support/pyodide-node";

// Runs in one Pyodide interpreter share what Python keeps process-wide. Modules and the run folder are
// forgotten between runs (run-in-pyodide.ts); so are the loggers' levels and handlers, which would otherwise
// let one run's logging.disable(), setLevel(ERROR) or filter silence the next run's warnings, and changes to builtins
// and os.environ.

const session = new NodePyodideSession();
const app = (setup: string) => `
import logging
from flask import Flask

${setup}
logging.getLogger("shop").warning("stock is low")
app = Flask(__name__)
`;

describe("browser runs in one interpreter", () => {
  it("start with the loggers as Python makes them, whatever the previous run configured", async () => {
    const silenced = await session.run({
      code: app(
        [
          'logging.getLogger("shop").setLevel(logging.ERROR)',
          'logging.getLogger("shop").addHandler(logging.NullHandler())',
          'logging.getLogger("shop").addFilter(lambda record: False)',
          "logging.disable(logging.CRITICAL)",
        ].join("\n"),
      ),
      checks: "",
      support: {},
    });
    expect(silenced.output).not.toContain("stock is low");
    const next = await session.run({ code: app(""), checks: "", support: {} });
    expect(session.loads, "the same interpreter ran both").toBe(1);
    expect(next.output).toContain("stock is low");
  }, 120_000);

  it("start with Python's builtins and the environment, whatever the previous run rebound", async () => {
    await session.run({
      code: app(
        'import builtins, os\nbuiltins.print = lambda *args, **kwargs: None\nbuiltins.leaked = 1\nos.environ["CROSSROADS_LEAK"] = "1"',
      ),
      checks: "",
      support: {},
    });
    const next = await session.run({
      code: app('import builtins, os\nprint("printed", hasattr(builtins, "leaked"), os.environ.get("CROSSROADS_LEAK"))'),
      checks: "",
      support: {},
    });
    expect(session.loads, "the same interpreter ran both").toBe(1);
    expect(next.output).toContain("printed False None");
  }, 120_000);
});
