import "server-only";
import { execFile, execFileSync } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

// The folder the two sandboxes of a run share holds the app's socket. It sits on a tiny tmpfs (64 KB, a few
// inodes), so the learner's code cannot fill the host's disk through it. Mounting and unmounting one for
// every run cost two processes started from the server, about 15 ms of CPU a run (docs/benchmarks.md), so a
// graded run's tmpfs stays mounted for the next one, root's and empty in between.
//
// What a run sees is never the tmpfs itself but a subfolder made for it alone, owned by its app's uid and
// removed when the run is over: a mode, timestamp or extended attribute the learner's code set on its folder
// goes with the folder, and the next run starts with a new one. A tmpfs that is not wholly free again after
// that is unmounted, never handed out again (docs/decisions/0029-kept-socket-tmpfs.md). The run folders in
// the temp dir that hold a run's files and these mounts are made and swept here too.

const execFileAsync = promisify(execFile);

/** Every folder runs make in the temp dir starts with this and the server's pid (sweepRunFolders). */
const RUN_PREFIX = "crossroads-run-";

/** Where the tmpfs is mounted inside a run folder; sweepRunFolders unmounts it by this name. */
export const SOCKETS_NAME = "sockets";

/** The run's own subfolder of a kept tmpfs. */
const RUN_FOLDER = "run";

/** Empty tmpfs mounts kept for later runs, at most this many (one per run at once is plenty). */
const KEPT = 8;

/** Mounts a 64 KB tmpfs with room for `inodes` inodes (its root included) on dir; false where mounting is refused. */
async function mountTmpfs(dir: string, uid: number, inodes: number): Promise<boolean> {
  try {
    await execFileAsync("mount", [
      "-t",
      "tmpfs",
      "-o",
      `size=64k,nr_inodes=${inodes},mode=0711,uid=${uid},gid=${uid}`,
      "crossroads-sockets",
      dir,
    ]);
    return true;
  } catch {
    return false;
  }
}

/** Makes dir (mode 0711, owned by uid) with a tmpfs on it, or a plain directory where mounting is refused. Whether it is mounted. */
export async function mountSocketDir(dir: string, uid: number, inodes: number): Promise<boolean> {
  await fs.mkdir(dir, { mode: 0o711 });
  if (await mountTmpfs(dir, uid, inodes)) return true;
  await fs.chown(dir, uid, uid);
  return false;
}

export async function unmountSocketDir(dir: string): Promise<void> {
  await execFileAsync("umount", ["-l", dir]).catch(() => undefined);
}

/** A new folder for one run in the temp dir (mode 0711), named after this server so a later start can sweep it. */
export async function makeRunFolder(): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), `${RUN_PREFIX}${process.pid}-`));
  await fs.chmod(root, 0o711);
  return root;
}

/** Makes dir, mode 0711, owned by uid: only uid may create in it, others may reach a known name inside. */
export async function makeOwnedFolder(dir: string, uid: number): Promise<void> {
  await fs.mkdir(dir, { mode: 0o711 });
  await fs.chown(dir, uid, uid);
}

/**
 * Once per process start: removes the run folders of servers that are no longer alive (a crash mid-run, or
 * kept mounts), unmounting the tmpfs still on them first. Folders of live processes are left alone.
 */
export function sweepRunFolders(alive: (pid: number) => boolean): void {
  for (const name of readdirSync(os.tmpdir())) {
    const pid = new RegExp(`^${RUN_PREFIX}(\\d+)-`).exec(name)?.[1];
    if (!pid || alive(Number(pid))) continue;
    const dir = path.join(os.tmpdir(), name);
    execFile("umount", ["-l", path.join(dir, SOCKETS_NAME)], () => rmSync(dir, { recursive: true, force: true }));
  }
}

export interface SocketFolder {
  /** What the sandboxes bind at /sockets: a new folder owned by the app's uid. */
  path: string;
  /** Once every process of the run is gone: empties the tmpfs for a later run, or removes it. Never throws. */
  release(): Promise<void>;
}

/** Kept tmpfs mount points, each root's and empty. */
const idle: string[] = [];
let exitHookInstalled = false;
/** Mounting was refused once (no privilege): runs get plain folders from then on, without trying again. */
let mountRefused = false;
/** Inodes of a kept tmpfs: its root, the run's folder and 15 more (as many as one run had before). */
const INODES = 17;
/** statfs's f_type for tmpfs. */
const TMPFS_MAGIC = 0x01021994;

/** The shared folder for one graded run, owned by uid: a new subfolder of a kept tmpfs, or of one mounted now. */
export async function takeSocketFolder(uid: number): Promise<SocketFolder> {
  const mount = idle.pop() ?? (mountRefused ? undefined : await newMount());
  if (mount === undefined) return plainFolder(uid);
  const folder = path.join(mount, RUN_FOLDER);
  try {
    await makeOwnedFolder(folder, uid);
  } catch (error) {
    await removeMount(mount);
    throw error;
  }
  return { path: folder, release: () => keepOrRemove(mount, folder) };
}

/** Unmounts and removes the kept tmpfs mounts (before a process that ran code exits on purpose). */
export async function closeSocketFolders(): Promise<void> {
  await Promise.all(idle.splice(0).map(removeMount));
}

/** A root-owned tmpfs in a new run folder, or undefined where mounting is refused. */
async function newMount(): Promise<string | undefined> {
  const root = await makeRunFolder();
  const mount = path.join(root, SOCKETS_NAME);
  await fs.mkdir(mount, { mode: 0o711 });
  if (!(await mountTmpfs(mount, 0, INODES))) {
    mountRefused = true;
    await fs.rm(root, { recursive: true, force: true });
    return undefined;
  }
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", unmountKeptNow);
  }
  return mount;
}

/** Where mounting is refused: a plain folder per run, owned by uid, removed afterwards. */
async function plainFolder(uid: number): Promise<SocketFolder> {
  const root = await makeRunFolder();
  const folder = path.join(root, SOCKETS_NAME);
  await makeOwnedFolder(folder, uid);
  return { path: folder, release: () => fs.rm(root, { recursive: true, force: true }).catch(() => undefined) };
}

/**
 * Empties the run's folder without walking into it: what a run leaves is its socket and at most a few files
 * (root unlinks them; unlink never follows a link), and anything else (a folder made inside) means the tmpfs
 * is unmounted instead. It is kept only when all its space and all but its root inode are free again: a file
 * a straggling process still held open would otherwise take the next run's room.
 */
async function keepOrRemove(mount: string, folder: string): Promise<void> {
  try {
    for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) throw new Error("a folder inside the run's folder");
      await fs.unlink(path.join(folder, entry.name));
    }
    await fs.rmdir(folder);
    const stats = await fs.statfs(mount);
    const empty = stats.type === TMPFS_MAGIC && stats.bfree === stats.blocks && stats.ffree === stats.files - 1;
    if (empty && idle.length < KEPT) {
      idle.push(mount);
      return;
    }
  } catch {
    // unmounted below
  }
  await removeMount(mount);
}

/** Lazily unmounts, then removes the run folder (the mount point under it is an empty folder by then). Never throws. */
async function removeMount(mount: string): Promise<void> {
  await unmountSocketDir(mount);
  await fs.rm(path.dirname(mount), { recursive: true, force: true }).catch(() => undefined);
}

/** At exit, with no event loop left: the kept mounts go at once (a crash leaves them to the next start's sweep). */
function unmountKeptNow() {
  const mounts = idle.splice(0);
  if (mounts.length === 0) return;
  try {
    execFileSync("umount", ["-l", ...mounts], { stdio: "ignore", timeout: 5000 });
    for (const mount of mounts) rmSync(path.dirname(mount), { recursive: true, force: true });
  } catch {
    // the next start's sweep unmounts and removes what is left
  }
}
