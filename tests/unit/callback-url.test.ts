import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/schemas/auth";

// Review #6: the sign-in and sign-up pages redirect a signed-in visitor to `callbackUrl`, and Next
// writes it to Location as it is. A browser resolves Location with the WHATWG URL parser (the one
// Node's URL implements), so that is how every answer is checked here.
const SITE = "https://crossroads.example";
const whereBrowserGoes = (location: string) => new URL(location, `${SITE}/signin?callbackUrl=x`);

function expectOnSite(location: string) {
  expect(location.startsWith("/")).toBe(true);
  expect(location).not.toMatch(/[\u0000-\u001F\u007F\\]/);
  expect(whereBrowserGoes(location).origin).toBe(SITE);
}

describe("safeCallbackUrl (review #6)", () => {
  it.each([
    ["/\t/evil.example", "the review's payload: browsers drop the tab"],
    ["/\t\\evil.example", "tab then backslash"],
    ["/\n/evil.example", "newline"],
    ["/\r\n//evil.example", "CRLF"],
    ["/\\evil.example", "backslash read as a slash"],
    ["\\\\evil.example", "two backslashes"],
    ["//evil.example", "protocol-relative"],
    ["/.//evil.example", "a dot segment that leaves //host"],
    ["/a/..//evil.example", "a dot-dot segment that leaves //host"],
    ["https://evil.example/", "absolute"],
    ["javascript:alert(1)", "script scheme"],
    [" //evil.example", "leading space"],
    ["/\u0000/evil.example", "NUL"],
  ])("%j (%s) is refused", (payload) => {
    expect(safeCallbackUrl(payload)).toBe("/dashboard");
  });

  it("keeps path, query and hash of a same-site destination", () => {
    expect(safeCallbackUrl("/learn/flask/first-app?tab=quiz#q2")).toBe("/learn/flask/first-app?tab=quiz#q2");
    expect(safeCallbackUrl("/instructor/cohorts/abc")).toBe("/instructor/cohorts/abc");
    expect(safeCallbackUrl(`${SITE}/x`)).toBe("/dashboard"); // absolute URLs are refused even for this site: the base is not known here
  });

  it("never produces an off-site Location, whatever URL-like string it is given", () => {
    const piece = fc.constantFrom(
      "/",
      "//",
      "\\",
      "\t",
      "\n",
      "\r",
      " ",
      ".",
      "..",
      "./",
      "../",
      "%2F",
      "%2f",
      "%5C",
      "%09",
      "%2e",
      "%00",
      "@",
      ":",
      "http:",
      "https:",
      "javascript:",
      "?",
      "#",
      "evil.example",
      "@evil.example",
      "\u3002",
      "\uFF0F",
      "\u2028",
      "a",
      "learn",
      "\u0000",
    );
    const urlLike = fc.oneof(
      fc.array(piece, { maxLength: 12 }).map((parts) => parts.join("")),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.tuple(fc.constantFrom("/", "//", "/\t/", "/\\"), fc.webUrl()).map(([a, b]) => a + b.replace(/^https?:\/\//, "")),
    );
    fc.assert(
      fc.property(urlLike, (value) => {
        expectOnSite(safeCallbackUrl(value));
      }),
      { numRuns: 5000 },
    );
  });
});
