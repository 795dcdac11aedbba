import { afterEach, describe, expect, it } from "vitest";
import { parseRows, parseTimestamp } from "@/lib/sql-json";

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe("packed rows", () => {
  it("reads PostgreSQL's NULL over no rows as an empty list", () => {
    expect(parseRows(null)).toEqual([]);
    expect(parseRows<[string, number]>('[["a",1],["b",2]]')).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
  });

  it("reads a timestamp without an offset as UTC, whatever the server's zone, and keeps a given offset", () => {
    // Node applies a change of TZ at once: 14 hours east of UTC, local noon is another day's.
    process.env.TZ = "Pacific/Kiritimati";
    expect(new Date(noonUtc()).getTimezoneOffset()).toBe(-14 * 60);
    const noon = noonUtc();
    for (const text of [
      "2026-12-03T12:00:00.250", // PostgreSQL TIMESTAMP(3) in JSON
      "2026-12-03 12:00:00.250", // SQLite CURRENT_TIMESTAMP style
      "2026-12-03T12:00:00.250Z",
      "2026-12-03T12:00:00.250z",
      "2026-12-03T12:00:00.250+00:00", // libsql's text for a Prisma DateTime
      "2026-12-03T12:00:00.250+0000",
      "2026-12-03T17:30:00.250+05:30",
    ]) {
      expect(parseTimestamp(text)?.getTime(), text).toBe(noon);
    }
    expect(parseTimestamp(null)).toBeNull();
    expect(parseTimestamp("not a date")).toBeNull();
  });
});

function noonUtc() {
  return Date.UTC(2026, 11, 3, 12, 0, 0, 250);
}
