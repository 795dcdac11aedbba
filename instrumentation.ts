// Runs once when the server starts (Next's instrumentation hook): a bad setting stops the boot here,
// with a message naming the variable, instead of failing the first request that reads it.
export async function register() {
  const { checkConfig } = await import("@/lib/config");
  checkConfig();
  // Node runtime only: every request gets the address of its connection (scripts/peer-stamp.cjs, which
  // the start scripts preload; loading it again is a no-op). Required at run time from the project
  // folder, not bundled: it must be the one copy the preload installed.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { createRequire } = await import("node:module");
    createRequire(`${process.cwd()}/`)("./scripts/peer-stamp.cjs");
  }
}
