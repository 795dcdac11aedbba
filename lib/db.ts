import "server-only";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { config } from "@/lib/config";
import { isPostgresUrl } from "@/scripts/db/database-url.mjs";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-pg/client";

type LibsqlClient = ReturnType<PrismaLibSQL["createClient"]>;

// SQLite through libsql. WAL lets readers work while a write runs; the busy timeout makes a second
// process (a backup, a seed, a test) wait for the lock instead of failing.
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

export { isPostgresUrl };

/**
 * One client per process, for the database DATABASE_URL names. Both generated clients come from
 * the same models (prisma/postgres/schema.prisma is generated from prisma/schema.prisma), so the
 * PostgreSQL one is used through the SQLite one's type.
 */
function createPrisma(): PrismaClient {
  const url = config.DATABASE_URL;
  if (isPostgresUrl(url)) {
    return new PostgresPrismaClient({
      adapter: new PrismaPg({ connectionString: url, max: config.DATABASE_POOL_SIZE }),
    }) as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: new SqliteAdapter({ url }) });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const db = globalForPrisma.prisma ?? createPrisma();
if (config.NODE_ENV !== "production") globalForPrisma.prisma = db;
