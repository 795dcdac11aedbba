import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

const env = process.env as Record<string, string | undefined>;
const saved = { NEXT_DIST_DIR: env.NEXT_DIST_DIR, NODE_ENV: env.NODE_ENV };
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
});

const request = (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
  new NextRequest(new URL(url, "http://crossroads.test"), {
    headers: { host: "crossroads.test", ...init.headers },
    method: init.method,
    body: init.body,
  });
const scriptSrc = (policy: string | null) => policy?.split("; ").find((directive) => directive.startsWith("script-src ")) ?? "";

describe("proxy.ts", () => {
  it("refuses every cross-site write, no-script form posts to a page included (review #15)", async () => {
    const evil = { origin: "https://evil.example" };
    for (const [url, headers] of [
      ["/api/drafts", { ...evil, "content-type": "application/json" }],
      ["/instructor", { ...evil, "next-action": "abc" }],
      ["/instructor", { ...evil, "content-type": "multipart/form-data; boundary=x" }],
      ["/join", { ...evil, "content-type": "application/x-www-form-urlencoded" }],
    ] as const) {
      const response = proxy(request(url, { method: "POST", headers, body: "x" }));
      expect(response.status, url).toBe(403);
    }
    const same = proxy(request("/join", { method: "POST", headers: { origin: "http://crossroads.test" }, body: "x" }));
    expect(same.status).toBe(200);
  });

  it("gives a dynamic page a fresh nonce, on the response and on the request Next renders", () => {
    env.NODE_ENV = "production";
    env.NEXT_DIST_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "dist-"));
    const first = proxy(request("/signin"));
    const policy = first.headers.get("content-security-policy");
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc(policy))?.[1];
    expect(nonce).toBeTruthy();
    expect(scriptSrc(policy)).not.toContain("'unsafe-inline'");
    // NextResponse.next({ request: { headers } }) passes overridden request headers this way.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    const second = proxy(request("/signin")).headers.get("content-security-policy");
    expect(second).not.toBe(policy);
  });

  it("gives a prerendered page the hashes of its inline scripts and no nonce", () => {
    env.NODE_ENV = "production";
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "dist-"));
    fs.mkdirSync(path.join(dist, "server/app/learn/flask"), { recursive: true });
    fs.writeFileSync(path.join(dist, "server/app/learn/flask/first-app.html"), "<script>boot()</script>");
    env.NEXT_DIST_DIR = dist;
    const response = proxy(request("/learn/flask/first-app"));
    const source = scriptSrc(response.headers.get("content-security-policy"));
    expect(source).toMatch(/^script-src 'self' 'sha256-[A-Za-z0-9+/]{43}=' 'wasm-unsafe-eval'$/);
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBeNull();
  });
});
