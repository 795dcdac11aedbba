import { describe, expect, it } from "vitest";
import { clearLimit, hit, isLimited } from "@/lib/rate-limit";

const limit = { max: 3, windowMs: 60_000 };

describe("rate limits in the database", () => {
  it("allows up to the limit in a window, then refuses with a Retry-After", async () => {
    const now = 1_800_000_000_000;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hit("t:a", limit, now + i));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3].retryAfter).toBe(60);
    expect((await isLimited("t:a", limit, now + 10)).allowed).toBe(false);
  });

  it("starts a new window once the old one ends", async () => {
    const now = 1_800_000_000_000;
    for (let i = 0; i < 4; i++) await hit("t:b", limit, now);
    expect((await hit("t:b", limit, now + 60_001)).allowed).toBe(true);
  });

  it("counts concurrent hits exactly", async () => {
    const now = 1_800_000_000_000;
    const results = await Promise.all(Array.from({ length: 20 }, () => hit("t:c", { max: 10, windowMs: 60_000 }, now)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });

  it("forgets a key when cleared", async () => {
    const now = Date.now();
    for (let i = 0; i < 4; i++) await hit("t:d", limit, now);
    await clearLimit("t:d");
    expect((await isLimited("t:d", limit, now)).allowed).toBe(true);
  });
});
