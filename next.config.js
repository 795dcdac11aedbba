// @ts-check

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Lesson Markdown is read from lessons/ at build time; keep it in the server trace.
  outputFileTracingIncludes: { "/**": ["./lessons/**/*"] },
  serverExternalPackages: ["@node-rs/argon2", "@libsql/client", "libsql"],
};

module.exports = nextConfig;
