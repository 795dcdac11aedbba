import { describe, expect, it } from "vitest";
import { isSameOrigin } from "@/lib/http/same-origin";

const check = (headers: Record<string, string>) => isSameOrigin(new Headers(headers));

describe("isSameOrigin", () => {
  it("accepts a page of this site, with or without a port", () => {
    expect(check({ host: "localhost:3000", origin: "http://localhost:3000" })).toBe(true);
    expect(check({ host: "crossroads.example", origin: "https://crossroads.example" })).toBe(true);
  });

  it("refuses another site, another port, an opaque origin and garbage", () => {
    expect(check({ host: "crossroads.example", origin: "https://evil.example" })).toBe(false);
    expect(check({ host: "localhost:3000", origin: "http://localhost:4000" })).toBe(false);
    expect(check({ host: "crossroads.example", origin: "null" })).toBe(false);
    expect(check({ host: "crossroads.example", origin: "not a url" })).toBe(false);
    expect(check({ origin: "https://crossroads.example" })).toBe(false);
  });

  it("compares with the forwarded host behind a reverse proxy", () => {
    expect(check({ host: "127.0.0.1:3000", "x-forwarded-host": "crossroads.example", origin: "https://crossroads.example" })).toBe(true);
    expect(check({ host: "crossroads.example", "x-forwarded-host": "internal:3000", origin: "https://crossroads.example" })).toBe(false);
  });

  it("leaves requests without an Origin (not sent by a browser page) to the sign-in checks", () => {
    expect(check({ host: "crossroads.example" })).toBe(true);
  });
});
