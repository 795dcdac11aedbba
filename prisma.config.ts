import "dotenv/config";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaLibSQL } from "@prisma/adapter-libsql";

// Prisma 6.19 with the JS engine and the libsql adapter: nothing is downloaded at run time.
// See docs/decisions/0002-prisma-6-libsql.md.
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new PrismaLibSQL({ url: process.env.DATABASE_URL ?? "file:./prisma/dev.db" });
  },
});
