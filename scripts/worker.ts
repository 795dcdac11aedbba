// npm run worker: a runner worker. Takes code runs from the PostgreSQL job queue (DATABASE_URL) and runs
// them in this machine's sandbox; start any number, on any machine with bubblewrap and the Python
// environment (npm run setup). Stops cleanly on SIGTERM or SIGINT: runs in progress finish first.
// Runs with --conditions=react-server so lib modules' `import "server-only"` resolves to its empty build.
import "dotenv/config";
import { checkConfig, config } from "@/lib/config";
import { isPostgresUrl } from "@/lib/db";
import { databaseSchemaState } from "@/lib/db-migrations";
import { startWorker } from "@/lib/runner/worker";

async function main(): Promise<void> {
  checkConfig();
  if (!isPostgresUrl(config.DATABASE_URL)) {
    console.error("npm run worker needs DATABASE_URL to be a postgresql:// URL: with SQLite, the app runs code itself.");
    process.exit(2);
  }
  const schema = await databaseSchemaState();
  if (schema.state !== "ok") {
    console.error(schema.message);
    process.exit(2);
  }
  const worker = await startWorker();
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void worker.stop().then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
