// npm run db:seed [-- <file>] - the demo accounts and cohort, in development only (lib/demo/seed.ts, SEED_DEMO).
// Prints which accounts it created and where their passwords are, never the passwords themselves.
import path from "node:path";
import { db } from "@/lib/db";
import { seedDemoData } from "@/lib/demo/seed";

// Where new passwords go (0600): .demo-accounts in the project root unless a file is named.
const CREDENTIALS_FILE = path.resolve(process.argv[2] ?? ".demo-accounts");

async function main() {
  const outcome = await seedDemoData(CREDENTIALS_FILE);
  if (!outcome.seeded) {
    console.log("No demo accounts in production (set SEED_DEMO=1 to create them anyway).");
  } else if (outcome.credentialsFile) {
    console.log(`\nDemo accounts created: ${outcome.created.join(", ")}.`);
    console.log(`Their passwords are in ${outcome.credentialsFile} (readable only by you).\n`);
  } else {
    console.log(`Demo accounts already exist; their passwords went to ${CREDENTIALS_FILE} when they were created.`);
  }
}

main()
  .then(() => db.$disconnect())
  .catch(async (error) => {
    console.error(error);
    await db.$disconnect();
    process.exit(1);
  });
