import "dotenv/config";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl, isPostgresUrl } from "./scripts/db/database-url.mjs";

// Prisma 6.19 with the JS engine and a driver adapter: nothing is downloaded at run time.
// DATABASE_URL picks the database: file:… is SQLite (prisma/), postgres… is PostgreSQL
// (prisma/postgres/, generated from the SQLite schema). See docs/decisions/0002-prisma-6-libsql.md.
const url = databaseUrl();
const postgres = isPostgresUrl(url);
const dir = postgres ? path.join("prisma", "postgres") : "prisma";

export default defineConfig({
  schema: path.join(dir, "schema.prisma"),
  migrations: { path: path.join(dir, "migrations") },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return postgres ? new PrismaPg({ connectionString: url }) : new PrismaLibSQL({ url });
  },
});
