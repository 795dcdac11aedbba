// @ts-check

const production = process.env.NODE_ENV === "production";

// Pages get their Content-Security-Policy from proxy.ts (hashes of a prerendered page's inline
// scripts, or a per-request nonce; lib/http/csp.ts). This fixed one is for the files proxy.ts does not
// see: /_next/static, /runtime and /pagefind, where it governs the Monaco, Pyodide and Pagefind workers.
// 'wasm-unsafe-eval' lets Pyodide and Pagefind compile WebAssembly. See docs/decisions/0016-csp-hashes-and-nonces.md
// and 0021-search-pagefind.md.
const assetCsp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval'${production ? "" : " 'unsafe-eval'"}`,
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

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }] : []),
];

const lessonCacheControl = "public, max-age=0, s-maxage=300, stale-while-revalidate=86400";

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets two builds (say, a developer's and a test run's) live side by side.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  // Lesson Markdown is read from lessons/ at build time; keep it in the server trace.
  outputFileTracingIncludes: { "/**": ["./lessons/**/*"] },
  serverExternalPackages: ["@node-rs/argon2", "@libsql/client", "libsql"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      ...["/_next/static/:path*", "/runtime/:path*", "/pagefind/:path*", "/preview/sw.js", "/sw.js"].map((source) => ({
        source,
        headers: [{ key: "Content-Security-Policy", value: assetCsp }],
      })),
      // Lesson pages are the same for every visitor (progress loads after, from /api): a shared cache
      // (the README's nginx) may keep one for 5 minutes and serve it stale for a day while it fetches a
      // fresh copy, so a deploy shows within 5 minutes. Browsers keep none (max-age=0). Next's own
      // default for a prerendered page is s-maxage of a year, which would outlive deploys. The dashboard's
      // page is the same for everyone too: its figures come from /api/dashboard (0032).
      ...["/learn/:track/:lesson", "/dashboard"].map((source) => ({
        source,
        headers: [{ key: "Cache-Control", value: lessonCacheControl }],
      })),
      // The browser engine's files sit under a hash of their contents (scripts/build-pyodide-bundle.sh):
      // a changed file gets a new address, so browsers may keep each one for a year without asking.
      { source: "/runtime/v/:path*", headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }] },
      // The service workers (offline, 0026; live preview, 0025): browsers check for a new one on each registration.
      ...["/sw.js", "/preview/sw.js"].map((source) => ({ source, headers: [{ key: "Cache-Control", value: "no-cache" }] })),
      // The search index's chunks and fragments are named by a hash of their contents too (Pagefind, 0021);
      // kept, they also answer searches after the connection drops.
      ...["/pagefind/index/:path*", "/pagefind/fragment/:path*"].map((source) => ({
        source,
        headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }],
      })),
    ];
  },
};

module.exports = nextConfig;
