// npm run db:backup [-- <target>] - a consistent copy of the database while the app runs.
// SQLite: VACUUM INTO writes a snapshot from one read transaction (WAL lets the app keep writing).
// PostgreSQL: pg_dump, which also reads one consistent snapshot.
import "dotenv/config";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import { databaseUrl, isPostgresUrl } from "./database-url.mjs";

const url = databaseUrl();
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const postgres = isPostgresUrl(url);
const target = path.resolve(process.argv[2] ?? path.join("backups", `crossroads-${stamp}.${postgres ? "sql" : "db"}`));
fs.mkdirSync(path.dirname(target), { recursive: true });
if (fs.existsSync(target)) {
  console.error(`${target} already exists; choose another name.`);
  process.exit(1);
}

if (postgres) {
  execFileSync("pg_dump", ["--no-owner", "--file", target, url], { stdio: "inherit" });
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
console.log(`Backup written to ${target} (${(fs.statSync(target).size / 1024).toFixed(0)} KiB)`);
