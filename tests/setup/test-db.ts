import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";

// Test databases. TEST_DB=postgres runs against the PostgreSQL server at PG_BASE_URL (started by
// scripts/ensure-postgres.sh); otherwise SQLite files under tests/.tmp.

export const usePostgres = process.env.TEST_DB === "postgres";
export const tmpDir = path.join(import.meta.dirname, "..", ".tmp");

export function pgBaseUrl(): string {
  const base = process.env.PG_BASE_URL;
  if (!base) throw new Error("TEST_DB=postgres needs PG_BASE_URL (scripts/test.sh sets it from scripts/ensure-postgres.sh)");
  return base.replace(/\/$/, "");
}

export async function pgAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${pgBaseUrl()}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function migrate(databaseUrl: string) {
  execFileSync("node", [path.join("scripts", "db", "migrate.mjs")], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "pipe",
  });
}
