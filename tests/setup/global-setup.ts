import fs from "node:fs";
import path from "node:path";
import { migrate, pgAdmin, pgBaseUrl, tmpDir, usePostgres } from "./test-db";

// Builds one migrated database per run; each test file starts from a copy of it (per-file.ts):
// a file copy for SQLite, a CREATE DATABASE … TEMPLATE for PostgreSQL.
export default async function setup() {
  fs.mkdirSync(tmpDir, { recursive: true });
  if (!usePostgres) {
    for (const name of fs.readdirSync(tmpDir).filter((n) => n.startsWith("test-") || n.startsWith("base.db"))) {
      fs.rmSync(path.join(tmpDir, name), { force: true });
    }
    migrate(`file:${path.join(tmpDir, "base.db")}`);
    return;
  }
  const run = `crossroads_t${process.pid}`;
  process.env.TEST_PG_RUN = run;
  await pgAdmin(async (client) => {
    const { rows } = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'crossroads_t%'");
    for (const row of rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${run}_base"`);
  });
  migrate(`${pgBaseUrl()}/${run}_base`);
  return async () => {
    await pgAdmin(async (client) => {
      const { rows } = await client.query("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${run}%`]);
      for (const row of rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    });
  };
}
