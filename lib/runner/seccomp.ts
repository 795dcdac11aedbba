// A seccomp-bpf program for the sandboxes, handed to bubblewrap with `--seccomp FD`.
// It refuses (EPERM) the system calls no exercise needs and that widen the kernel's attack surface
// (io_uring, userfaultfd, bpf, perf events, keyrings, mounts, ptrace, namespaces, modules, ...),
// allows sockets of the Unix and IP families only (vsock reaches the hypervisor whatever the network
// namespace, netlink talks to the kernel), and kills a process that uses another architecture's calling convention (the x32 ABI or 32-bit
// int 0x80) to slip past the numbers below. No server imports: unit-tested on its own.

/** x86_64 system call numbers (arch/x86/entry/syscalls/syscall_64.tbl). */
const DENIED_X86_64: Record<string, number> = {
  ptrace: 101,
  syslog: 103,
  uselib: 134,
  personality: 135,
  modify_ldt: 154,
  pivot_root: 155,
  chroot: 161,
  acct: 163,
  mount: 165,
  umount2: 166,
  swapon: 167,
  swapoff: 168,
  reboot: 169,
  iopl: 172,
  ioperm: 173,
  init_module: 175,
  delete_module: 176,
  quotactl: 179,
  kexec_load: 246,
  add_key: 248,
  request_key: 249,
  keyctl: 250,
  unshare: 272,
  perf_event_open: 298,
  name_to_handle_at: 303,
  open_by_handle_at: 304,
  setns: 308,
  process_vm_readv: 310,
  process_vm_writev: 311,
  finit_module: 313,
  kexec_file_load: 320,
  bpf: 321,
  userfaultfd: 323,
  io_uring_setup: 425,
  io_uring_enter: 426,
  io_uring_register: 427,
  open_tree: 428,
  move_mount: 429,
  fsopen: 430,
  fsconfig: 431,
  fsmount: 432,
  fspick: 433,
  pidfd_getfd: 438,
  process_madvise: 440,
  mount_setattr: 442,
};

/** socket(2) is allowed only for these address families: Unix, IPv4, IPv6 (no netlink, vsock, packet...). */
const SOCKET_NR = 41;
const ALLOWED_FAMILIES = [1, 2, 10];

export const DENIED_SYSCALLS = Object.keys(DENIED_X86_64);

const AUDIT_ARCH_X86_64 = 0xc000003e;
const X32_SYSCALL_BIT = 0x40000000;
const EPERM = 1;

// Classic BPF opcodes (linux/bpf_common.h) and seccomp return values (linux/seccomp.h).
const LD_W_ABS = 0x20;
const JEQ_K = 0x15;
const JGE_K = 0x35;
const RET_K = 0x06;
const RET_ALLOW = 0x7fff0000;
const RET_ERRNO = 0x00050000;
const RET_KILL_PROCESS = 0x80000000;
// struct seccomp_data: int nr at offset 0, __u32 arch at offset 4, __u64 args[6] from offset 16
// (the low 32 bits of args[0] first, on little-endian x86_64).
const OFFSET_NR = 0;
const OFFSET_ARCH = 4;
const OFFSET_ARG0 = 16;

type Instruction = [code: number, jt: number, jf: number, k: number];

/** The filter for this machine's architecture, or undefined where we have no syscall table for it. */
export function seccompProgram(arch: string = process.arch): Buffer | undefined {
  if (arch !== "x64") return undefined;
  const numbers = Object.values(DENIED_X86_64);
  const n = numbers.length;
  const f = ALLOWED_FAMILIES.length;
  // Layout (classic BPF jumps only forward): 0 load arch; 1 arch check; 2 load nr; 3 x32 check;
  // 4..4+n-1 denied numbers; then socket? -> load its family and test each allowed one; ERRNO; ALLOW; KILL.
  const socketCheck = 4 + n;
  const loadFamily = socketCheck + 1;
  const errno = loadFamily + 1 + f;
  const allow = errno + 1;
  const kill = allow + 1;
  const jump = (from: number, to: number) => to - from - 1;
  const program: Instruction[] = [
    [LD_W_ABS, 0, 0, OFFSET_ARCH],
    [JEQ_K, 0, jump(1, kill), AUDIT_ARCH_X86_64],
    [LD_W_ABS, 0, 0, OFFSET_NR],
    [JGE_K, jump(3, kill), 0, X32_SYSCALL_BIT],
    ...numbers.map((nr, i): Instruction => [JEQ_K, jump(4 + i, errno), 0, nr]),
    [JEQ_K, 0, jump(socketCheck, allow), SOCKET_NR],
    [LD_W_ABS, 0, 0, OFFSET_ARG0],
    ...ALLOWED_FAMILIES.map((family, i): Instruction => [JEQ_K, jump(loadFamily + 1 + i, allow), 0, family]),
    [RET_K, 0, 0, RET_ERRNO | EPERM],
    [RET_K, 0, 0, RET_ALLOW],
    [RET_K, 0, 0, RET_KILL_PROCESS],
  ];
  const buffer = Buffer.alloc(program.length * 8);
  program.forEach(([code, jt, jf, k], i) => {
    if (jt < 0 || jf < 0 || jt > 255 || jf > 255) throw new Error("seccomp jumps must be forward and short");
    buffer.writeUInt16LE(code, i * 8);
    buffer.writeUInt8(jt, i * 8 + 2);
    buffer.writeUInt8(jf, i * 8 + 3);
    buffer.writeUInt32LE(k >>> 0, i * 8 + 4);
  });
  return buffer;
}
