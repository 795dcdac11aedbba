import { afterEach, describe, expect, it } from "vitest";
import { usePostgres } from "@/tests/setup/test-db";

// /api/health must not say "ok" on a database the code cannot use: an empty one (never migrated) or
// one missing this code's latest migration both answer 503 with a message saying what to run.
const health = await import("@/app/api/health/route");
const { db } = await import("@/lib/db");
const { resetSchemaState, shippedMigrations } = await import("@/lib/db-migrations");

const table = usePostgres ? '"_crossroads_migrations"' : "_prisma_migrations";
const nameColumn = usePostgres ? "name" : "migration_name";

async function get() {
  resetSchemaState();
  const response = await health.GET(new Request("http://x/api/health"), {});
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

afterEach(() => resetSchemaState());

describe("/api/health and the database schema", () => {
  it("answers 200 with database ok on a migrated database", async () => {
    const { status, body } = await get();
    expect(status).toBe(200);
    expect(body.database).toBe("ok");
    expect(body.message).toBeUndefined();
  });

  it("answers 503 naming the missing migrations when the schema is behind the code", async () => {
    const latest = shippedMigrations(usePostgres).at(-1)!;
    await db.$executeRawUnsafe(`DELETE FROM ${table} WHERE ${nameColumn} = '${latest}'`);
    const { status, body } = await get();
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: "unavailable", database: "schema behind" });
    expect(body.message).toContain(latest);
    expect(body.message).toContain("npm run db:migrate");
  });

  it("answers 503 when the database was never migrated", async () => {
    await db.$executeRawUnsafe(`DROP TABLE ${table}`);
    const { status, body } = await get();
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: "unavailable", database: "schema missing" });
    expect(body.message).toMatch(/no schema.*npm run db:migrate/);
  });
});
