import "server-only";
import fs from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";
import { db, isPostgresUrl } from "@/lib/db";

// Whether the database the app uses has every migration this code ships with. A server started on an
// empty or older database otherwise answers health checks and fails on the first query that needs a
// table ("relation … does not exist"). SQLite migrations are recorded by Prisma in _prisma_migrations,
// PostgreSQL ones by scripts/db/migrate.mjs in _crossroads_migrations (docs/decisions/0010-postgresql.md).

export type SchemaState = { state: "ok" } | { state: "missing" | "behind"; message: string; pending: string[] };

const MIGRATE_HINT = "run `npm run db:migrate` with the same DATABASE_URL (or `npm run setup`)";

/** The migrations this code expects, oldest first. */
export function shippedMigrations(postgres: boolean): string[] {
  // turbopackIgnore: read at run time from the project, not traced into the bundle.
  const dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", ...(postgres ? ["postgres", "migrations"] : ["migrations"]));
  return fs
    .readdirSync(dir)
    .filter((name) => fs.existsSync(path.join(dir, name, "migration.sql")))
    .sort();
}

async function appliedMigrations(postgres: boolean): Promise<string[] | undefined> {
  const sql = postgres
    ? 'SELECT name FROM "_crossroads_migrations"'
    : "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL";
  try {
    const rows = await db.$queryRawUnsafe<{ name: string }[]>(sql);
    return rows.map((row) => row.name);
  } catch {
    // The bookkeeping table itself is missing: nothing was ever migrated here.
    return undefined;
  }
}

let upToDate = false;

/** Compares the database's applied migrations with the shipped ones. A database found up to date is not asked again. */
export async function databaseSchemaState(): Promise<SchemaState> {
  if (upToDate) return { state: "ok" };
  const postgres = isPostgresUrl(config.DATABASE_URL);
  const shipped = shippedMigrations(postgres);
  const applied = await appliedMigrations(postgres);
  if (applied === undefined || applied.length === 0) {
    return { state: "missing", message: `The database has no schema: ${MIGRATE_HINT}.`, pending: shipped };
  }
  const done = new Set(applied);
  const pending = shipped.filter((name) => !done.has(name));
  if (pending.length > 0) {
    return {
      state: "behind",
      message: `The database schema is behind this code (${pending.length} migration(s) not applied: ${pending.join(", ")}): ${MIGRATE_HINT}.`,
      pending,
    };
  }
  upToDate = true;
  return { state: "ok" };
}

/** Forgets a previous "up to date" answer (tests). */
export function resetSchemaState(): void {
  upToDate = false;
}
