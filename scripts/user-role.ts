// npm run user:role -- <email> <LEARNER|INSTRUCTOR|ADMIN>
// Changes an account's role from a shell on the server (the first admin has no admin page to use).
// Runs with --conditions=react-server so lib modules' `import "server-only"` resolves to its empty build.
import "dotenv/config";
import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { EmailSchema } from "@/lib/schemas/auth";
import { setUserRole } from "@/lib/users";

const ArgsSchema = z.tuple([
  EmailSchema,
  z
    .string()
    .transform((role) => role.toUpperCase())
    .pipe(z.enum(ROLES)),
]);

async function main(): Promise<number> {
  const parsed = ArgsSchema.safeParse(process.argv.slice(2));
  if (!parsed.success) {
    console.error(`Usage: npm run user:role -- <email> <${ROLES.join("|")}>`);
    return 2;
  }
  const [email, role] = parsed.data;
  try {
    const user = await setUserRole(email, role);
    console.log(`${user.email} is now ${user.role}. It applies on their next request.`);
    return 0;
  } catch (error) {
    if ((error as { code?: string }).code === "P2025") {
      console.error(`No account has the email ${email}. They need to sign up first.`);
      return 1;
    }
    throw error;
  }
}

main()
  .then(async (code) => {
    await db.$disconnect();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(error);
    await db.$disconnect();
    process.exit(1);
  });
