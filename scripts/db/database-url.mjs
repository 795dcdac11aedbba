// The database DATABASE_URL names, for the tools that run outside the app (prisma.config.ts, the
// migrate and backup scripts) and the default the app itself uses (lib/config.ts imports it).
// file:… is SQLite, postgres://… or postgresql://… is PostgreSQL.

export const DEFAULT_DATABASE_URL = "file:./prisma/dev.db";

/** DATABASE_URL, or the development SQLite file when it is unset or blank. */
export function databaseUrl() {
  const given = process.env.DATABASE_URL?.trim();
  return given ? given : DEFAULT_DATABASE_URL;
}

/** @param {string} url */
export function isPostgresUrl(url) {
  return /^postgres(ql)?:\/\//.test(url);
}
