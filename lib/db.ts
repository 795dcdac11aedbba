import "server-only";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "@/lib/generated/prisma/client";

// One client per process. SQLite through libsql: WAL lets readers work while a write runs, and the
// busy timeout makes a second process (a backup, a seed, a test) wait for the lock instead of failing.
type LibsqlClient = ReturnType<PrismaLibSQL["createClient"]>;

class SqliteAdapter extends PrismaLibSQL {
  // Runs once per connection the adapter opens.
  createClient(config: ConstructorParameters<typeof PrismaLibSQL>[0]): LibsqlClient {
    const client = super.createClient(config);
    void client.execute("PRAGMA busy_timeout = 5000");
    void client.execute("PRAGMA journal_mode = WAL");
    void client.execute("PRAGMA foreign_keys = ON");
    return client;
  }
}

function createPrisma() {
  const url = process.env.DATABASE_URL ?? "file:./prisma/dev.db";
  return new PrismaClient({ adapter: new SqliteAdapter({ url }) });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const db = globalForPrisma.prisma ?? createPrisma();
if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = db;
