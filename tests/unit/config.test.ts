import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, SETTING_NAMES, checkConfig, config, settingDefaults } from "@/lib/config";
import { register } from "@/instrumentation";

// NODE_ENV is typed read-only; tests change it like any other variable.
const env = process.env as Record<string, string | undefined>;
const saved = { ...env };
afterEach(() => {
  for (const name of SETTING_NAMES) {
    if (saved[name] === undefined) delete env[name];
    else env[name] = saved[name];
  }
});

/** The rows of the README's configuration table: variable → default cell. */
function readmeTable(): Map<string, string> {
  const readme = fs.readFileSync(path.join(import.meta.dirname, "../../README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("### PostgreSQL"));
  const rows = [...section.matchAll(/^\| `([A-Z_]+)` \| (.+?) \|/gm)];
  return new Map(rows.map((row) => [row[1], row[2]]));
}

describe("lib/config", () => {
  it("has the README's configuration table: the same variables and defaults", () => {
    const table = readmeTable();
    expect([...table.keys()].sort()).toEqual([...SETTING_NAMES].sort());
    for (const [name, fallback] of Object.entries(settingDefaults())) {
      // A setting without a default is shown in words ("generated"), not as a value.
      if (fallback === undefined) expect(table.get(name), name).not.toMatch(/^`/);
      else expect(table.get(name), name).toBe(`\`${String(fallback)}\``);
    }
  });

  it("starting with a too-short AUTH_SECRET fails with a message naming the variable", async () => {
    env.AUTH_SECRET = "too-short";
    await expect(register()).rejects.toThrow(ConfigError);
    await expect(register()).rejects.toThrow(/AUTH_SECRET must be at least 32 characters/);
    // The secret itself is never repeated in the message.
    await expect(register()).rejects.not.toThrow(/too-short/);
    expect(() => config.AUTH_SECRET).toThrow(/AUTH_SECRET/);
  });

  it("starting with a non-numeric or out-of-range limit fails with a message naming the variable", async () => {
    env.RATE_RUNS_PER_USER = "lots";
    await expect(register()).rejects.toThrow(/RATE_RUNS_PER_USER must be a whole number from 1 to 1000000 \(got "lots"\)/);
    expect(() => config.RATE_RUNS_PER_USER).toThrow(/RATE_RUNS_PER_USER/);
    env.RATE_RUNS_PER_USER = "30";
    env.RUNNER_CONCURRENCY = "0";
    expect(() => checkConfig()).toThrow(/RUNNER_CONCURRENCY must be a whole number from 1 to 256/);
  });

  it("names every bad variable at once", () => {
    env.DATABASE_POOL_SIZE = "ten";
    env.LOG_LEVEL = "loud";
    const error = (() => {
      try {
        checkConfig();
      } catch (caught) {
        return caught as ConfigError;
      }
    })();
    expect(error?.problems).toEqual([
      'DATABASE_POOL_SIZE must be a whole number from 1 to 1000 (got "ten")',
      'LOG_LEVEL must be "info" or "silent" (got "loud")',
    ]);
  });

  it("requires AUTH_SECRET in production", () => {
    env.NODE_ENV = "production";
    delete env.AUTH_SECRET;
    expect(() => checkConfig()).toThrow(/AUTH_SECRET is required in production/);
  });

  it("uses defaults for unset or blank variables, and reads a changed variable again", () => {
    delete env.RUNNER_WALL_SECONDS;
    expect(config.RUNNER_WALL_SECONDS).toBe(10);
    env.RUNNER_WALL_SECONDS = " ";
    expect(config.RUNNER_WALL_SECONDS).toBe(10);
    env.RUNNER_WALL_SECONDS = "25";
    expect(config.RUNNER_WALL_SECONDS).toBe(25);
    env.SANDBOX_DEBUG = "1";
    expect(config.SANDBOX_DEBUG).toBe(true);
    expect(checkConfig()).toBe(config);
  });
});
