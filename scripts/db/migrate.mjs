// Applies prisma/…/migrations to the database DATABASE_URL names.
// SQLite: `prisma migrate deploy`. PostgreSQL: Prisma 6.19's schema engine cannot read PostgreSQL's
// catalog through the pg driver adapter ("Column type 'name' could not be deserialized"), so the
// same migration.sql files are applied here, each once, in order, in a transaction, recorded in
// "_crossroads_migrations". See docs/decisions/0010-postgresql.md.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { databaseUrl, isPostgresUrl } from "./database-url.mjs";
import { restrictSqliteFiles } from "./sqlite-files.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const url = databaseUrl();

if (!isPostgresUrl(url)) {
  // A database created here is the owner's alone (it holds password hashes and session versions).
  process.umask(0o077);
  execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], { stdio: "inherit", cwd: root });
  restrictSqliteFiles(url);
  process.exit(0);
}

const dir = path.join(root, "prisma/postgres/migrations");
const names = fs
  .readdirSync(dir)
  .filter((name) => fs.existsSync(path.join(dir, name, "migration.sql")))
  .sort();
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  await client.query(
    'CREATE TABLE IF NOT EXISTS "_crossroads_migrations" (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
  );
  // One migrator at a time, even with several app instances starting together.
  await client.query("SELECT pg_advisory_lock(724001)");
  const applied = new Set((await client.query('SELECT name FROM "_crossroads_migrations"')).rows.map((row) => row.name));
  let count = 0;
  for (const name of names.filter((n) => !applied.has(n))) {
    await client.query("BEGIN");
    try {
      await client.query(fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
      await client.query('INSERT INTO "_crossroads_migrations" (name) VALUES ($1)', [name]);
      await client.query("COMMIT");
      count++;
    } catch (error) {
      await client.query("ROLLBACK");
      throw new Error(`Migration ${name} failed: ${error.message}`);
    }
  }
  console.log(count ? `Applied ${count} PostgreSQL migration(s).` : "PostgreSQL schema is up to date.");
} finally {
  await client.end();
}
