import { describe, expect, it } from "vitest";
import { checkSignIn, recordSignInResult } from "@/lib/auth/sign-in-limits";

describe("sign-in brute-force protection", () => {
  it("locks an email after 5 failures, for known and unknown emails alike", async () => {
    for (const email of ["someone@example.test", "nobody-at-all@example.test"]) {
      for (let i = 0; i < 5; i++) {
        expect((await checkSignIn("10.0.0.1", email)).allowed).toBe(true);
        await recordSignInResult(email, false);
      }
      const gate = await checkSignIn("10.0.0.1", email);
      expect(gate).toMatchObject({ allowed: false, message: expect.stringContaining("Sign-in is paused") });
      expect(gate.allowed === false && gate.retryAfter).toBeGreaterThan(800);
    }
  });

  it("a success clears the failure count", async () => {
    const email = "clears@example.test";
    for (let i = 0; i < 4; i++) await recordSignInResult(email, false);
    await recordSignInResult(email, true);
    for (let i = 0; i < 4; i++) await recordSignInResult(email, false);
    expect((await checkSignIn("10.0.0.2", email)).allowed).toBe(true);
  });

  it("limits attempts per IP whatever the email", async () => {
    let last;
    for (let i = 0; i < 31; i++) last = await checkSignIn("10.0.0.3", `spray-${i}@example.test`);
    expect(last).toMatchObject({ allowed: false, message: expect.stringContaining("from your network") });
  });
});
