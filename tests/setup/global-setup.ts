import fs from "node:fs";
import path from "node:path";
import { migrate, pgAdmin, pgBaseUrl, tmpDir, usePostgres } from "./test-db";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Builds one migrated database per run; each test file starts from a copy of it (per-file.ts):
// a file copy for SQLite, a CREATE DATABASE … TEMPLATE for PostgreSQL.
export default async function setup() {
  fs.mkdirSync(tmpDir, { recursive: true });
  if (!usePostgres) {
    // One folder per vitest run, so two runs at once (a developer's and an editor's) never share files;
    // folders of runs that are gone (and files of the old flat layout) are removed.
    for (const name of fs.readdirSync(tmpDir)) {
      const pid = /^run-(\d+)$/.exec(name)?.[1];
      if (!pid || !alive(Number(pid))) fs.rmSync(path.join(tmpDir, name), { recursive: true, force: true });
    }
    const runDir = path.join(tmpDir, `run-${process.pid}`);
    fs.mkdirSync(runDir, { recursive: true });
    process.env.TEST_SQLITE_DIR = runDir;
    migrate(`file:${path.join(runDir, "base.db")}`);
    return () => fs.rmSync(runDir, { recursive: true, force: true });
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
