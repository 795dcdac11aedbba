import { afterEach, describe, expect, it } from "vitest";
import { authorizeSignIn } from "@/lib/auth/sign-in-limits";
import { PEER_HEADER } from "@/lib/http/client-ip";

// Review #2 end to end through the sign-in check: 30 attempts per address per 15 minutes. With
// TRUSTED_PROXY_HOPS=0, rotating X-Forwarded-For stays in one bucket and is refused; with 1, the
// proxy-appended entry is the bucket, so distinct clients behind one proxy are not lumped together.
const env = process.env as Record<string, string | undefined>;
env.RATE_SIGNIN_SITE_PER_MINUTE = "100000";
afterEach(() => delete env.TRUSTED_PROXY_HOPS);

async function attempts(peer: string, count: number) {
  const outcomes: string[] = [];
  for (let i = 0; i < count; i++) {
    const headers = new Headers({ [PEER_HEADER]: peer, "x-forwarded-for": `192.0.2.${i}` });
    const result = await authorizeSignIn({ email: `spray-${peer}-${i}@example.test`, password: "wrong" }, headers).then(
      () => "checked",
      (error: Error) => error.name,
    );
    outcomes.push(result);
  }
  return outcomes;
}

describe("per-address sign-in limit and X-Forwarded-For", () => {
  it("TRUSTED_PROXY_HOPS=0: a spoofed X-Forwarded-For per request does not escape the connection's bucket", async () => {
    const outcomes = await attempts("203.0.113.50", 31);
    expect(outcomes.slice(0, 30).every((o) => o === "checked")).toBe(true);
    expect(outcomes[30]).toBe("SignInLimitedError");
  });

  it("TRUSTED_PROXY_HOPS=1: each forwarded client gets its own bucket", async () => {
    env.TRUSTED_PROXY_HOPS = "1";
    const outcomes = await attempts("203.0.113.51", 31);
    expect(outcomes.every((o) => o === "checked")).toBe(true);
  });
});
