// Seeds demo accounts: a learner, an instructor with a cohort, and an admin.
// Passwords are generated here and printed once; nothing is hard-coded. Running it again
// leaves existing accounts (and their passwords) alone.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { RoleName } from "@/lib/auth/roles";
import { createUser } from "@/lib/users";

const DEMO: { email: string; name: string; role: RoleName }[] = [
  { email: "learner@crossroads.local", name: "Demo Learner", role: "LEARNER" },
  { email: "instructor@crossroads.local", name: "Demo Instructor", role: "INSTRUCTOR" },
  { email: "admin@crossroads.local", name: "Demo Admin", role: "ADMIN" },
];

function generatePassword(): string {
  return randomBytes(12).toString("base64url");
}

async function main() {
  const created: { email: string; role: RoleName; password: string }[] = [];
  for (const account of DEMO) {
    if (await db.user.findUnique({ where: { email: account.email } })) continue;
    const password = generatePassword();
    await createUser({ ...account, password }, account.role);
    created.push({ email: account.email, role: account.role, password });
  }
  const instructor = await db.user.findUniqueOrThrow({ where: { email: "instructor@crossroads.local" } });
  const learner = await db.user.findUniqueOrThrow({ where: { email: "learner@crossroads.local" } });
  const cohort = await db.cohort.upsert({
    where: { inviteCode: "DEMO-COHORT" },
    create: {
      name: "Demo cohort",
      description: "Seeded for trying the instructor dashboard.",
      inviteCode: "DEMO-COHORT",
      ownerId: instructor.id,
    },
    update: {},
  });
  await db.enrollment.upsert({
    where: { cohortId_userId: { cohortId: cohort.id, userId: learner.id } },
    create: { cohortId: cohort.id, userId: learner.id },
    update: {},
  });

  if (created.length) {
    console.log("\nDemo accounts (passwords are shown only this once):");
    for (const account of created) console.log(`  ${account.role.padEnd(10)} ${account.email}  ${account.password}`);
    console.log("");
  } else {
    console.log("Demo accounts already exist; their passwords were printed when they were created.");
  }
}

main()
  .then(() => db.$disconnect())
  .catch(async (error) => {
    console.error(error);
    await db.$disconnect();
    process.exit(1);
  });
