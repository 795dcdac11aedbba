import { describe, expect, it } from "vitest";
import { excerpt, formatDate } from "@/lib/format";

describe("excerpt", () => {
  it("keeps a short text whole, with its white space folded", () => {
    expect(excerpt("Build a blog.\n  Then ship it.", 100)).toBe("Build a blog. Then ship it.");
  });

  it("stops after the last whole sentence when that keeps most of the room", () => {
    const text = "Build a JSON API that keeps a reading list. Clients can filter it by status and add books to it.";
    expect(excerpt(text, 60)).toBe("Build a JSON API that keeps a reading list.");
  });

  it("otherwise ends on a whole word with an ellipsis, never inside a word", () => {
    const text = "Build a dashboard for a public data set you care about, such as weather records or air quality";
    const short = excerpt(text, 40);
    expect(short).toBe("Build a dashboard for a public data set…");
    expect(short.length).toBeLessThanOrEqual(41);
  });

  it("cuts a single over-long word at the limit", () => {
    expect(excerpt("x".repeat(50), 10)).toBe(`${"x".repeat(10)}…`);
  });
});

describe("formatDate", () => {
  it("prints the UTC calendar date", () => {
    expect(formatDate(new Date("2026-12-01T23:30:00Z"))).toBe("2026-12-01");
  });
});
