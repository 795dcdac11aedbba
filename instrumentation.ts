// Runs once when the server starts (Next's instrumentation hook): a bad setting stops the boot here,
// with a message naming the variable, instead of failing the first request that reads it.
export async function register() {
  const { checkConfig } = await import("@/lib/config");
  checkConfig();
  // Node runtime only: every request gets the address of its connection (scripts/peer-stamp.cjs, which
  // the start scripts preload; installing it again is a no-op).
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { stampPeerAddresses } = await import("@/scripts/peer-stamp.cjs");
    stampPeerAddresses();
    // The course is read once, now, for every bundle of this process (lib/content/load.ts): no
    // learner waits for it, and content the build accepted but that is missing here stops the boot.
    const { getCourse } = await import("@/lib/content/load");
    getCourse();
  }
}
