// @vitest-environment node
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { UID_BASE } from "@/lib/runner/sandbox";
import { closeSocketFolders, takeSocketFolder } from "@/lib/runner/socket-folders";

// The folder a graded run's two sandboxes share: its tmpfs stays mounted for later runs, so what one
// run's code did to its folder must be gone when the next run gets one.
const mounted = () =>
  fs
    .readFileSync("/proc/mounts", "utf8")
    .split("\n")
    .filter((line) => line.startsWith("crossroads-sockets "));
const mountOf = (folder: string) => path.dirname(folder);
const xattrs = (file: string) =>
  execFileSync("python3", ["-c", "import os, sys; print(sorted(os.listxattr(sys.argv[1])))", file], { encoding: "utf8" }).trim();

afterEach(closeSocketFolders);

describe("socket folders", () => {
  it("hands a kept tmpfs to the next run as a new folder: no file, mode, time or attribute of the last run's", async () => {
    const first = await takeSocketFolder(UID_BASE);
    expect(mounted().some((line) => line.includes(mountOf(first.path)))).toBe(true);
    // What the learner's code could do as the folder's owner (done here as root).
    fs.writeFileSync(path.join(first.path, "note.txt"), "left for the next learner");
    fs.symlinkSync("/etc/hostname", path.join(first.path, "link"));
    fs.chmodSync(first.path, 0o777);
    fs.utimesSync(first.path, 1000, 1000);
    execFileSync("python3", ["-c", "import os, sys; os.setxattr(sys.argv[1], 'user.note', b'x')", first.path]);
    expect(xattrs(first.path)).toBe("['user.note']");
    await first.release();

    const second = await takeSocketFolder(UID_BASE + 1);
    expect(mountOf(second.path)).toBe(mountOf(first.path)); // the same tmpfs, kept
    expect(fs.readdirSync(second.path)).toEqual([]);
    const stat = fs.statSync(second.path);
    expect([stat.mode & 0o7777, stat.uid, stat.gid]).toEqual([0o711, UID_BASE + 1, UID_BASE + 1]);
    expect(stat.mtimeMs).toBeGreaterThan(1_000_000);
    expect(xattrs(second.path)).toBe("[]");
    // The tmpfs's own root is root's and holds nothing but the run's folder.
    const root = fs.statSync(mountOf(second.path));
    expect([root.mode & 0o7777, root.uid]).toEqual([0o711, 0]);
    expect(fs.readdirSync(mountOf(second.path))).toEqual(["run"]);
    await second.release();
  });

  it("unmounts a tmpfs that is not empty after its run, and never hands it out again", async () => {
    const first = await takeSocketFolder(UID_BASE);
    fs.writeFileSync(path.join(mountOf(first.path), "stray"), "");
    await first.release();
    expect(mounted().some((line) => line.includes(mountOf(first.path)))).toBe(false);
    expect(fs.existsSync(path.dirname(mountOf(first.path)))).toBe(false);
    const second = await takeSocketFolder(UID_BASE);
    expect(mountOf(second.path)).not.toBe(mountOf(first.path));
    await second.release();
  });

  it("unmounts a tmpfs whose space a process still holds, or where the run made a folder", async () => {
    const first = await takeSocketFolder(UID_BASE);
    // A straggler holding a deleted 40 KB file: the folder lists as empty, but its room is not free.
    const holder = spawn("python3", [
      "-c",
      "import os, sys, time\nf = open(sys.argv[1], 'wb'); f.write(b'x' * 40960); f.flush(); os.unlink(sys.argv[1]); print('held', flush=True); time.sleep(30)",
      path.join(first.path, "held"),
    ]);
    await new Promise((resolve) => holder.stdout.once("data", resolve));
    try {
      await first.release();
      expect(mounted().some((line) => line.includes(mountOf(first.path)))).toBe(false);
    } finally {
      holder.kill("SIGKILL");
    }
    const second = await takeSocketFolder(UID_BASE);
    fs.mkdirSync(path.join(second.path, "inner"));
    fs.writeFileSync(path.join(second.path, "inner", "file"), "");
    await second.release();
    expect(mounted().some((line) => line.includes(mountOf(second.path)))).toBe(false);
    expect(fs.existsSync(path.dirname(mountOf(second.path)))).toBe(false);
  });

  it("gives runs at once folders on different tmpfs mounts, and unmounts every kept one when closed", async () => {
    const folders = await Promise.all([0, 1, 2].map((n) => takeSocketFolder(UID_BASE + n)));
    expect(new Set(folders.map((folder) => mountOf(folder.path))).size).toBe(3);
    await Promise.all(folders.map((folder) => folder.release()));
    await closeSocketFolders();
    for (const folder of folders) expect(mounted().some((line) => line.includes(mountOf(folder.path)))).toBe(false);
  });
});
