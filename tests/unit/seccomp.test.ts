import { describe, expect, it } from "vitest";
import { DENIED_SYSCALLS, seccompProgram } from "@/lib/runner/seccomp";

// The filter's shape; what it refuses is tested for real in tests/integration/sandbox.test.ts.
describe("the sandbox's seccomp program", () => {
  it("denies the calls issue 12 names", () => {
    for (const name of ["io_uring_setup", "userfaultfd", "bpf", "perf_event_open", "keyctl", "mount", "ptrace", "unshare", "setns"]) {
      expect(DENIED_SYSCALLS).toContain(name);
    }
  });

  it("is a whole number of 8-byte instructions whose jumps stay inside the program", () => {
    const program = seccompProgram("x64")!;
    expect(program.length % 8).toBe(0);
    const count = program.length / 8;
    for (let i = 0; i < count; i++) {
      const code = program.readUInt16LE(i * 8);
      if ((code & 0x07) !== 0x05) continue; // not a jump
      expect(i + 1 + program.readUInt8(i * 8 + 2)).toBeLessThan(count);
      expect(i + 1 + program.readUInt8(i * 8 + 3)).toBeLessThan(count);
    }
    // Ends in ERRNO(EPERM), ALLOW, KILL_PROCESS.
    expect([count - 3, count - 2, count - 1].map((i) => program.readUInt32LE(i * 8 + 4))).toEqual([0x00050001, 0x7fff0000, 0x80000000]);
  });

  it("has no program for a CPU it has no syscall table for", () => {
    expect(seccompProgram("arm64")).toBeUndefined();
  });
});
