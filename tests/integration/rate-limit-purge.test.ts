import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hit, purgeExpiredLimits } from "@/lib/rate-limit";

// Review #14: rows of rate-limit windows that have ended are deleted, so the table does not grow forever.
// Its own file: the opportunistic purge runs on a process's first hit, which must be the first here.
describe("expired rate-limit rows are purged", () => {
  it("a process's first hit deletes the rows of ended windows and keeps the open ones", async () => {
    const wall = Date.now();
    await db.rateLimitHit.createMany({
      data: [
        { key: "old:ip:1", count: 7, resetAt: BigInt(wall - 60_000) },
        { key: "old:ip:2", count: 1, resetAt: BigInt(wall - 86_400_000) },
        { key: "open:ip:3", count: 2, resetAt: BigInt(wall + 60_000) },
      ],
    });
    expect((await hit("fresh:key", { max: 5, windowMs: 60_000 })).allowed).toBe(true);
    const keys = (await db.rateLimitHit.findMany({ select: { key: true }, orderBy: { key: "asc" } })).map((row) => row.key);
    expect(keys).toEqual(["fresh:key", "open:ip:3"]);
  });

  it("purgeExpiredLimits deletes only what ended by the given time, and a purged key starts a new window", async () => {
    const now = Date.now();
    await db.rateLimitHit.createMany({
      data: [
        { key: "a", count: 9, resetAt: BigInt(now - 1) },
        { key: "b", count: 9, resetAt: BigInt(now) },
        { key: "c", count: 9, resetAt: BigInt(now + 1) },
      ],
    });
    expect(await purgeExpiredLimits(now)).toBe(2);
    expect(await db.rateLimitHit.findUnique({ where: { key: "c" } })).not.toBeNull();
    expect((await hit("a", { max: 1, windowMs: 60_000 }, now)).allowed).toBe(true);
  });
});
