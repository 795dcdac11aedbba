import "server-only";
import { LIMITS, RateLimitError, clientIp, hit } from "@/lib/rate-limit";

/** Server runs cost CPU: each account and each address gets a budget per minute. Throws a 429. */
export async function enforceRunLimits(userId: string, headers: Headers): Promise<void> {
  const [perUser, perIp] = await Promise.all([
    hit(`runs:user:${userId}`, LIMITS.runsPerUser),
    hit(`runs:ip:${clientIp(headers)}`, LIMITS.runsPerIp),
  ]);
  const blocked = [perUser, perIp].find((result) => !result.allowed);
  if (blocked) {
    throw new RateLimitError(
      `You are running code faster than the server allows. Wait ${blocked.retryAfter} seconds and try again.`,
      blocked.retryAfter,
    );
  }
}
