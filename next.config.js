// @ts-check

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets two builds (say, a developer's and a test run's) live side by side.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  // Lesson Markdown is read from lessons/ at build time; keep it in the server trace.
  outputFileTracingIncludes: { "/**": ["./lessons/**/*"] },
  serverExternalPackages: ["@node-rs/argon2", "@libsql/client", "libsql"],
};

module.exports = nextConfig;
