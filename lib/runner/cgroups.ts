import "server-only";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { config } from "@/lib/config";

// One control group per sandboxed run (both of its sandboxes), so limits hold for the run as a whole:
// memory for all its processes together, a process count, and a CPU share that keeps one busy run
// from starving the others or the web server. cgroup v2 where the host has it (most production
// hosts), v1's memory, pids and cpu hierarchies otherwise (these CI machines). Where neither is
// writable (not root, or a container without delegation), runs fall back to per-process rlimits and
// the health check says so. Why: docs/decisions/0005-sandbox.md.

const ROOT = config.RUNNER_CGROUP_ROOT;
const GROUP = "crossroads";
const V1_CONTROLLERS = ["memory", "pids", "cpu"] as const;

export interface CgroupLimits {
  memoryBytes: number;
  processes: number;
  /** Relative CPU weight against other runs (v2 cpu.weight, 1-10000; v1 cpu.shares is 10.24 times it). */
  cpuWeight: number;
}

export interface RunCgroup {
  /** Files a process writes its pid into to join the run's group (one per v1 hierarchy). */
  procFiles: string[];
  /** True when the kernel killed a process of the run for going over the memory limit. */
  memoryExceeded(): Promise<boolean>;
  /**
   * Kills the group's processes that live inside a sandbox's pid namespace, leaving the wrappers
   * outside it (the outer bwrap) to reap them and exit normally, so no zombie is left for init.
   */
  killSandboxed(): Promise<void>;
  /** Kills whatever is left in the group and removes it. */
  destroy(): Promise<void>;
}

async function killNamespaced(procFile: string): Promise<void> {
  const pids = (await fs.readFile(procFile, "utf8").catch(() => "")).split("\n").filter(Boolean);
  for (const pid of pids) {
    const status = await fs.readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
    const nspid = /^NSpid:\s+(.+)$/m.exec(status)?.[1].trim().split(/\s+/) ?? [];
    if (nspid.length < 2) continue;
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch {
      // Gone already.
    }
  }
}

export type CgroupSupport = { version: 1 | 2; reason: "ok" } | { version: null; reason: string };

let support: Promise<CgroupSupport> | undefined;

async function writable(dir: string): Promise<boolean> {
  try {
    await fs.mkdir(path.join(dir, GROUP), { recursive: true });
    await fs.access(path.join(dir, GROUP, "cgroup.procs"), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

async function detect(): Promise<CgroupSupport> {
  if (existsSync(path.join(ROOT, "cgroup.controllers"))) {
    if (!(await writable(ROOT)))
      return { version: null, reason: "cgroup v2 is mounted but not writable by the server (run it as root or delegate a subtree)" };
    try {
      const available = (await fs.readFile(path.join(ROOT, "cgroup.controllers"), "utf8")).split(/\s+/);
      const missing = ["memory", "pids", "cpu"].filter((c) => !available.includes(c));
      if (missing.length) return { version: null, reason: `cgroup v2 lacks the ${missing.join(", ")} controller(s)` };
      const enable = "+memory +pids +cpu";
      await fs.writeFile(path.join(ROOT, "cgroup.subtree_control"), enable).catch(() => undefined);
      await fs.writeFile(path.join(ROOT, GROUP, "cgroup.subtree_control"), enable);
      return { version: 2, reason: "ok" };
    } catch (error) {
      return { version: null, reason: `cgroup v2 controllers could not be enabled: ${(error as Error).message}` };
    }
  }
  for (const controller of V1_CONTROLLERS) {
    if (!existsSync(path.join(ROOT, controller)))
      return { version: null, reason: `no cgroup v1 ${controller} hierarchy at ${ROOT}/${controller}` };
    if (!(await writable(path.join(ROOT, controller))))
      return { version: null, reason: `the cgroup v1 ${controller} hierarchy is not writable by the server` };
  }
  return { version: 1, reason: "ok" };
}

/** Which cgroup version runs use here (null: none, with the reason). Detected once per process. */
export function cgroupSupport(): Promise<CgroupSupport> {
  support ??= detect();
  return support;
}

async function readNumber(file: string, key: string): Promise<number> {
  try {
    const text = await fs.readFile(file, "utf8");
    const match = new RegExp(`^${key} (\\d+)$`, "m").exec(text);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

async function killAll(dirs: string[]): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    let left = 0;
    for (const dir of dirs) {
      const pids = (await fs.readFile(path.join(dir, "cgroup.procs"), "utf8").catch(() => "")).split("\n").filter(Boolean);
      left += pids.length;
      for (const pid of pids) {
        try {
          process.kill(Number(pid), "SIGKILL");
        } catch {
          // Gone already.
        }
      }
    }
    if (left === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function removeDirs(dirs: string[]): Promise<void> {
  for (const dir of dirs) {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        await fs.rmdir(dir);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }
}

/** Writes a control file the kernel may not have (swap accounting is optional). */
function tryWrite(file: string, value: string): void {
  try {
    writeFileSync(file, value);
  } catch {
    // not accounted on this kernel
  }
}

/** Makes dirs and sets their limits; if any step fails, the dirs made so far are removed again. */
async function withDirs(dirs: string[], setLimits: () => void): Promise<void> {
  const made: string[] = [];
  try {
    for (const dir of dirs) {
      mkdirSync(dir);
      made.push(dir);
    }
    setLimits();
  } catch (error) {
    await removeDirs(made);
    throw error;
  }
}

/**
 * Creates the run's group with its limits, or returns undefined where cgroups are not usable. The group's
 * files are written synchronously: each write returns at once, and through the thread pool every one of
 * them cost a hand-off to a worker thread and back (docs/benchmarks.md).
 */
export async function createRunCgroup(name: string, limits: CgroupLimits): Promise<RunCgroup | undefined> {
  const found = await cgroupSupport();
  if (found.version === 2) {
    const dir = path.join(ROOT, GROUP, name);
    await withDirs([dir], () => {
      writeFileSync(path.join(dir, "memory.max"), String(limits.memoryBytes));
      tryWrite(path.join(dir, "memory.swap.max"), "0");
      writeFileSync(path.join(dir, "pids.max"), String(limits.processes));
      writeFileSync(path.join(dir, "cpu.weight"), String(limits.cpuWeight));
    });
    return {
      procFiles: [path.join(dir, "cgroup.procs")],
      memoryExceeded: async () => (await readNumber(path.join(dir, "memory.events"), "oom_kill")) > 0,
      killSandboxed: () => killNamespaced(path.join(dir, "cgroup.procs")),
      destroy: async () => {
        await fs.writeFile(path.join(dir, "cgroup.kill"), "1").catch(() => killAll([dir]));
        await removeDirs([dir]);
      },
    };
  }
  if (found.version === 1) {
    const dirs = V1_CONTROLLERS.map((controller) => path.join(ROOT, controller, GROUP, name));
    const [memory, pids, cpu] = dirs;
    await withDirs(dirs, () => {
      writeFileSync(path.join(memory, "memory.limit_in_bytes"), String(limits.memoryBytes));
      // No swap beyond the limit where the kernel accounts it.
      tryWrite(path.join(memory, "memory.memsw.limit_in_bytes"), String(limits.memoryBytes));
      writeFileSync(path.join(pids, "pids.max"), String(limits.processes));
      writeFileSync(path.join(cpu, "cpu.shares"), String(Math.max(2, Math.round(limits.cpuWeight * 10.24))));
    });
    return {
      procFiles: dirs.map((dir) => path.join(dir, "cgroup.procs")),
      memoryExceeded: async () => (await readNumber(path.join(memory, "memory.oom_control"), "oom_kill")) > 0,
      killSandboxed: () => killNamespaced(path.join(memory, "cgroup.procs")),
      destroy: async () => {
        await killAll(dirs);
        await removeDirs(dirs);
      },
    };
  }
  return undefined;
}

/**
 * Removes the run groups of processes that died mid-run (names "run-<pid>-…", see sandbox.ts). Their
 * sandboxes died with them, except one started in the few milliseconds before bwrap's first process set its
 * own parent-death signal: whatever is still in such a group is killed first.
 */
export async function sweepRunCgroups(alive: (pid: number) => boolean): Promise<void> {
  const found = await cgroupSupport();
  if (found.version === null) return;
  const parents = found.version === 2 ? [path.join(ROOT, GROUP)] : V1_CONTROLLERS.map((controller) => path.join(ROOT, controller, GROUP));
  for (const parent of parents) {
    for (const name of await fs.readdir(parent).catch(() => [] as string[])) {
      const pid = /^run-(\d+)-/.exec(name)?.[1];
      if (!pid || alive(Number(pid))) continue;
      await killAll([path.join(parent, name)]);
      await fs.rmdir(path.join(parent, name)).catch(() => undefined);
    }
  }
}
