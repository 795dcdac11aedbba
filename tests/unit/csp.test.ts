import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { inlineScriptHashes, newNonce, pagePolicy, prerenderedPageHashes } from "@/lib/http/csp";

const env = process.env as Record<string, string | undefined>;
const saved = env.NEXT_DIST_DIR;
afterEach(() => {
  if (saved === undefined) delete env.NEXT_DIST_DIR;
  else env.NEXT_DIST_DIR = saved;
});

const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
const scriptSrc = (policy: string) => policy.split("; ").find((directive) => directive.startsWith("script-src "))!;

describe("lib/http/csp", () => {
  it("hashes each inline script as the browser does, and skips external and empty ones", () => {
    const a = "(self.__next_f=self.__next_f||[]).push([0])";
    const b = 'self.__next_f.push([1,"<\\u002fscript>é"])';
    const html = `<html><head><script src="/_next/static/a.js" async=""></script><script id="_R_">${a}</script></head>
      <body><script>${b}</script><script></script><script>${a}</script></body></html>`;
    expect(inlineScriptHashes(html)).toEqual([sha(a), sha(b)]);
  });

  it("in production, scripts run only by hash or nonce: no 'unsafe-inline', no plugins, no <base>", () => {
    const nonce = newNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(nonce);
    const dynamic = pagePolicy({ nonce, hashes: ["'sha256-x'"] }, true);
    expect(scriptSrc(dynamic)).toBe(`script-src 'self' 'nonce-${nonce}' 'sha256-x' 'wasm-unsafe-eval'`);
    const prerendered = pagePolicy({ hashes: ["'sha256-y'"] }, true);
    expect(scriptSrc(prerendered)).toBe("script-src 'self' 'sha256-y' 'wasm-unsafe-eval'");
    for (const policy of [dynamic, prerendered]) {
      expect(scriptSrc(policy)).not.toMatch(/'unsafe-(inline|eval)'/);
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("base-uri 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
    }
    // next dev's own inline scripts carry no nonce.
    expect(scriptSrc(pagePolicy({ nonce }, false))).toContain("'unsafe-inline'");
  });

  it("reads a prerendered page's hashes from the build folder, and nothing outside it", () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "dist-"));
    fs.mkdirSync(path.join(dist, "server/app/learn/flask"), { recursive: true });
    fs.writeFileSync(path.join(dist, "server/app/learn/flask/first-app.html"), "<script>one()</script><script>two()</script>");
    fs.writeFileSync(path.join(dist, "server/app/index.html"), "<script>home()</script>");
    fs.writeFileSync(path.join(dist, "secret.html"), "<script>no()</script>");
    env.NEXT_DIST_DIR = dist;
    expect(prerenderedPageHashes("/learn/flask/first-app")).toEqual([sha("one()"), sha("two()")]);
    expect(prerenderedPageHashes("/")).toEqual([sha("home()")]);
    expect(prerenderedPageHashes("/account")).toBeNull();
    for (const probe of ["/../../secret", "/%2e%2e/%2e%2e/secret", "/learn/flask/first-app.html", "//learn/flask/first-app"]) {
      expect(prerenderedPageHashes(probe), probe).toBeNull();
    }
  });
});
