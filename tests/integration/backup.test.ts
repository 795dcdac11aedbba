import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeUser } from "@/tests/setup/factories";

const run = promisify(execFile);

describe("npm run db:backup", () => {
  it("writes a consistent copy while the app keeps writing", async () => {
    const user = await makeUser();
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "backup-")), "copy");
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await db.lessonProgress.create({ data: { userId: user.id, trackId: "flask", lessonId: `flask-load-${written++}` } });
        // Yield to the event loop: SQLite calls can resolve without one, which would starve the child.
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const { stdout } = await run("node", ["scripts/db/backup.mjs", target], { env: { ...process.env } });
    writing = false;
    await writer;
    expect(stdout).toContain("Backup written to");
    // It holds every password hash: readable by its owner only.
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);

    if (process.env.DATABASE_URL!.startsWith("file:")) {
      const copy = createClient({ url: `file:${target}` });
      const integrity = await copy.execute("PRAGMA integrity_check");
      const rows = Number((await copy.execute("SELECT count(*) AS n FROM LessonProgress")).rows[0].n);
      copy.close();
      expect(integrity.rows[0][0]).toBe("ok");
      expect(written).toBeGreaterThan(0);
      expect(rows).toBeLessThanOrEqual(written);
    } else {
      const dump = fs.readFileSync(target, "utf8");
      expect(dump).toContain('CREATE TABLE public."LessonProgress"');
    }
  });

  it("gives pg_dump the password through the environment, never on its command line", async () => {
    // A stand-in pg_dump that records what it was given and writes the file it was asked for.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-dump-"));
    const record = path.join(dir, "record.json");
    fs.writeFileSync(
      path.join(dir, "pg_dump"),
      `#!/usr/bin/env node
const fs = require("node:fs");
const args = process.argv.slice(2);
fs.writeFileSync(${JSON.stringify(record)}, JSON.stringify({ args, password: process.env.PGPASSWORD }));
fs.writeFileSync(args[args.indexOf("--file") + 1], "-- dump");
`,
      { mode: 0o755 },
    );
    const target = path.join(dir, "out", "dump.sql");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${dir}:${process.env.PATH}`,
      DATABASE_URL: "postgresql://crossroads:s3cr%40t-pw@127.0.0.1:5/app",
    };
    delete env.PGPASSWORD;
    await run("node", ["scripts/db/backup.mjs", target], { env });

    const seen = JSON.parse(fs.readFileSync(record, "utf8")) as { args: string[]; password?: string };
    expect(seen.password).toBe("s3cr@t-pw");
    expect(seen.args.join(" ")).not.toContain("s3cr");
    expect(seen.args).toContain("postgresql://crossroads@127.0.0.1:5/app");
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(target)).mode & 0o777).toBe(0o700);
  });
});
