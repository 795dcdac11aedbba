// npm run db:backup [-- <target>] - a consistent copy of the database while the app runs.
// SQLite: VACUUM INTO writes a snapshot from one read transaction (WAL lets the app keep writing).
// PostgreSQL: pg_dump, which also reads one consistent snapshot. Its password goes through the
// environment (PGPASSWORD), never the command line, where any local user could read it with ps.
// A backup holds every password hash: it is written 0600 in a 0700 folder.
import "dotenv/config";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import { databaseUrl, isPostgresUrl } from "./database-url.mjs";

process.umask(0o077);
const url = databaseUrl();
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const postgres = isPostgresUrl(url);
const target = path.resolve(process.argv[2] ?? path.join("backups", `crossroads-${stamp}.${postgres ? "sql" : "db"}`));
fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
if (fs.existsSync(target)) {
  console.error(`${target} already exists; choose another name.`);
  process.exit(1);
}

if (postgres) {
  const { dbname, password } = withoutPassword(url);
  const env = password === undefined ? process.env : { ...process.env, PGPASSWORD: password };
  execFileSync("pg_dump", ["--no-owner", "--file", target, "--dbname", dbname], { stdio: "inherit", env });
} else {
  const client = createClient({ url });
  await client.execute("PRAGMA busy_timeout = 10000");
  await client.execute({ sql: "VACUUM INTO ?", args: [target] });
  const check = createClient({ url: `file:${target}` });
  const { rows } = await check.execute("PRAGMA integrity_check");
  check.close();
  client.close();
  if (rows[0]?.[0] !== "ok") {
    console.error(`The backup at ${target} failed its integrity check.`);
    process.exit(1);
  }
}
fs.chmodSync(target, 0o600);
console.log(`Backup written to ${target} (${(fs.statSync(target).size / 1024).toFixed(0)} KiB)`);

/**
 * The connection URL without its password, and the password (undefined when the URL has none, so
 * PGPASSWORD or PGPASSFILE from the environment still apply).
 * @param {string} url
 */
function withoutPassword(url) {
  const parsed = new URL(url);
  if (!parsed.password) return { dbname: url, password: undefined };
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { dbname: parsed.toString(), password };
}
