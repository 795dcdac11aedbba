// The files of a SQLite database, for the scripts that create or copy them (migrate, backup).
// Kept apart from database-url.mjs, which lib/config.ts imports and must not pull in node:fs.
import fs from "node:fs";
import path from "node:path";

/**
 * The database file and the journal, WAL and shared-memory files next to it, resolved from the
 * working directory as the app resolves them; [] for a URL that is not SQLite.
 * @param {string} url
 */
export function sqliteFiles(url) {
  if (!url.startsWith("file:")) return [];
  const file = path.resolve(url.slice("file:".length).split("?")[0]);
  return [file, `${file}-journal`, `${file}-wal`, `${file}-shm`];
}

/**
 * Makes the SQLite files readable by their owner only (0600), also those an older install created
 * world-readable. SQLite gives WAL and shared-memory files created later the database file's mode.
 * @param {string} url
 */
export function restrictSqliteFiles(url) {
  for (const file of sqliteFiles(url)) if (fs.existsSync(file)) fs.chmodSync(file, 0o600);
}
