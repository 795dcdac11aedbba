import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";

// Review #8: the files set-up writes hold AUTH_SECRET, password hashes and session versions, so they
// must be readable by their owner only, whatever umask the caller had.
const run = promisify(execFile);
const root = path.join(import.meta.dirname, "../..");
const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

function scratch(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

describe("files written by set-up", () => {
  it("scripts/ensure-env.sh writes .env as 0600, and tightens one an older install left 0644", async () => {
    // The script works on the folder above its own: run a copy in a scratch project.
    const project = scratch("ensure-env-");
    fs.mkdirSync(path.join(project, "scripts"));
    fs.copyFileSync(path.join(root, "scripts/ensure-env.sh"), path.join(project, "scripts/ensure-env.sh"));
    const withUmask = (mask: string) => run("bash", ["-c", `umask ${mask}; bash scripts/ensure-env.sh`], { cwd: project });

    await withUmask("022");
    const env = path.join(project, ".env");
    expect(fs.readFileSync(env, "utf8")).toMatch(/^AUTH_SECRET="[\w-]{43}"$/m);
    expect(modeOf(env)).toBe(0o600);

    fs.chmodSync(env, 0o644);
    const before = fs.readFileSync(env, "utf8");
    await withUmask("022");
    expect(fs.readFileSync(env, "utf8")).toBe(before);
    expect(modeOf(env)).toBe(0o600);
  });

  it("npm run db:migrate creates the SQLite database 0600, and SQLite's WAL files follow it", async () => {
    const dir = scratch("migrate-");
    const file = path.join(dir, "fresh.db");
    await run("bash", ["-c", "umask 022; node scripts/db/migrate.mjs"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: `file:${file}` },
    });
    expect(modeOf(file)).toBe(0o600);

    // What the app does next: WAL mode and a write, from a process whose umask lets files be 0644.
    const client = createClient({ url: `file:${file}` });
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("CREATE TABLE probe (x INTEGER)");
    await client.execute("INSERT INTO probe VALUES (1)");
    expect(modeOf(`${file}-wal`)).toBe(0o600);
    expect(modeOf(`${file}-shm`)).toBe(0o600);
    client.close();

    // An install from before this fix: migrate again and the existing files are tightened.
    fs.chmodSync(file, 0o644);
    await run("node", ["scripts/db/migrate.mjs"], { cwd: root, env: { ...process.env, DATABASE_URL: `file:${file}` } });
    expect(modeOf(file)).toBe(0o600);
  });
});
