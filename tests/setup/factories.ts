import { randomUUID } from "node:crypto";
import type { RoleName } from "@/lib/auth/roles";
import { createUser } from "@/lib/users";

/** Creates a user with a unique email; returns it with the password used. */
export async function makeUser(role: RoleName = "LEARNER", name = "Test Learner") {
  const password = `correct horse ${randomUUID()}`;
  const email = `user-${randomUUID()}@example.test`;
  const user = await createUser({ name, email, password }, role);
  return { ...user, password };
}
