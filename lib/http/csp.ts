import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";

// The Content-Security-Policy of every page, set in proxy.ts (docs/decisions/0016-csp-hashes-and-nonces.md).
// Scripts never get 'unsafe-inline' in production:
//   prerendered pages (lessons, track pages, home, the dashboard) are served as files written at build time, so no
//                   per-request nonce can reach their inline scripts; they are allowed by the SHA-256 of
//                   each one, read from that very file (3 to 7 scripts a page). Such a page must never be
//                   revalidated at runtime (revalidatePath): Next would render it again, into a copy of its
//                   own whose inline scripts no longer match the build's, and the browser would block them.
//   dynamic pages   get a fresh nonce per request. Next reads it from the request's CSP header and puts it
//                   on every script it writes.
// Static assets (/_next/static, /runtime) keep the fixed policy from next.config.js.

export interface ScriptSources {
  nonce?: string;
  hashes?: readonly string[];
}

/** The policy for a page whose inline scripts carry `nonce` or have one of `hashes`. */
export function pagePolicy({ nonce, hashes = [] }: ScriptSources, production = config.NODE_ENV === "production"): string {
  // next dev writes inline scripts of its own (refresh, overlay) without a nonce: development only.
  const inline = production ? [...(nonce ? [`'nonce-${nonce}'`] : []), ...hashes] : ["'unsafe-inline'", "'unsafe-eval'"];
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets Pyodide compile WebAssembly.
    ["script-src 'self'", ...inline, "'wasm-unsafe-eval'"].join(" "),
    // Monaco and Next's style injection; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g;

/** The CSP source ('sha256-…') of each inline script in an HTML document, in order, without repeats. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = [...html.matchAll(INLINE_SCRIPT)]
    .map((match) => match[1])
    .filter((text) => text.length > 0)
    .map((text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`);
  return [...new Set(hashes)];
}

/** Pathnames that can name a prerendered page: letters, digits, -, _ and / only (no dots, no encoding). */
const PAGE_PATH = /^\/[A-Za-z0-9_\-/]*$/;
const cache = new Map<string, readonly string[] | null>();

/** The folder `next build` writes prerendered pages to. */
function prerenderedDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), config.NEXT_DIST_DIR, "server", "app");
}

/** The file a prerendered page is served from, or null when the path cannot name one. */
function prerenderedFile(pathname: string): string | null {
  if (!PAGE_PATH.test(pathname) || pathname.includes("//")) return null;
  const name = pathname === "/" ? "index" : pathname.replace(/\/$/, "").slice(1);
  return path.join(prerenderedDir(), `${name}.html`);
}

/**
 * The hashes of a prerendered page's inline scripts, or null when `pathname` is rendered per request.
 * Read once per page and process: the files do not change while a build is served.
 */
export function prerenderedPageHashes(pathname: string): readonly string[] | null {
  const file = prerenderedFile(pathname);
  if (!file) return null;
  if (cache.has(file)) return cache.get(file)!;
  const hashes = existsSync(file) ? inlineScriptHashes(readFileSync(file, "utf8")) : null;
  // Only files that exist are remembered, so the cache holds at most one entry per prerendered page.
  if (hashes) cache.set(file, hashes);
  return hashes;
}

/**
 * Hashes every dynamic page's policy also allows: Next answers an unknown URL with the prerendered
 * not-found page, whose scripts carry no nonce.
 */
export function fallbackPageHashes(): readonly string[] {
  return prerenderedPageHashes("/_not-found") ?? [];
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
