// @vitest-environment node
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { cgroupSupport, createRunCgroup, sweepRunCgroups } from "@/lib/runner/cgroups";

// A server killed in the few milliseconds before bwrap's first process sets its own parent-death signal can
// leave that sandbox running in its run group (ADR 0030). The next server's sweep must not leave it there.
it("the sweep kills what is left in a dead server's run group, then removes the group", async (context) => {
  if ((await cgroupSupport()).version === null) context.skip();
  const deadServer = 4_000_001; // a pid no process has: the sweep's alive() says so below
  const group = await createRunCgroup(`run-${deadServer}-${randomBytes(6).toString("hex")}`, {
    memoryBytes: 64 * 1024 * 1024,
    processes: 8,
    cpuWeight: 100,
  });
  expect(group).toBeDefined();
  // A process that joined the group, as a sandbox chain's first stage does, and would otherwise live a minute.
  const left = spawn("/bin/sh", ["-c", 'for f in "$@"; do echo $$ > "$f"; done; exec sleep 60', "sh", ...group!.procFiles], {
    stdio: "ignore",
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => left.once("exit", (_code, signal) => resolve(signal)));
  const joined = () => group!.procFiles.every((file) => fs.readFileSync(file, "utf8").split("\n").includes(String(left.pid)));
  for (let i = 0; i < 100 && !joined(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(joined()).toBe(true);

  await sweepRunCgroups((pid) => pid !== deadServer);

  expect(await exited).toBe("SIGKILL");
  for (const file of group!.procFiles) expect(fs.existsSync(path.dirname(file))).toBe(false);
});
