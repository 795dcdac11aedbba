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
});
