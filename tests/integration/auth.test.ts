import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { AuthError } from "@/lib/auth/roles";
import { DuplicateEmailError, createUser, revokeSessions, verifyCredentials } from "@/lib/users";
import { makeUser } from "@/tests/setup/factories";

// The session source is the only thing faked: users, roles and versions come from the real database.
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string }; sessionVersion: number } }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

const { getSessionUser, requireApiUser } = await import("@/lib/auth/guards");

function signInAs(user: { id: string; sessionVersion: number }) {
  session.current = { user: { id: user.id }, sessionVersion: user.sessionVersion };
}

beforeEach(() => {
  session.current = null;
});

describe("sign-up", () => {
  it("refuses a second account with the same email, whatever its case", async () => {
    await createUser({ name: "Ada", email: "ada@example.test", password: "a long enough passphrase" });
    await expect(createUser({ name: "Ada again", email: "ada@example.test", password: "another long passphrase" })).rejects.toBeInstanceOf(
      DuplicateEmailError,
    );
    expect(await db.user.count({ where: { email: "ada@example.test" } })).toBe(1);
  });

  it("stores an argon2id hash, never the password", async () => {
    const user = await makeUser();
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(user.password);
  });
});

describe("sign-in", () => {
  it("accepts the right password and refuses a wrong one or an unknown email alike", async () => {
    const user = await makeUser();
    expect((await verifyCredentials(user.email, user.password))?.id).toBe(user.id);
    expect(await verifyCredentials(user.email, "not the password at all")).toBeNull();
    expect(await verifyCredentials("nobody@example.test", user.password)).toBeNull();
  });
});

describe("role guard", () => {
  it("refuses a learner where an instructor is required", async () => {
    signInAs(await makeUser("LEARNER"));
    const refusal = await requireApiUser("INSTRUCTOR").catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AuthError);
    expect((refusal as AuthError).status).toBe(403);
  });

  it("lets an instructor and an admin through, and re-reads the role from the database", async () => {
    const instructor = await makeUser("INSTRUCTOR");
    signInAs(instructor);
    expect((await requireApiUser("INSTRUCTOR")).id).toBe(instructor.id);
    await db.user.update({ where: { id: instructor.id }, data: { role: "LEARNER" } });
    await expect(requireApiUser("INSTRUCTOR")).rejects.toMatchObject({ status: 403 });
    signInAs(await makeUser("ADMIN"));
    await expect(requireApiUser("INSTRUCTOR")).resolves.toBeTruthy();
  });

  it("refuses a signed-out visitor with 401", async () => {
    await expect(requireApiUser()).rejects.toMatchObject({ status: 401 });
  });

  it("refuses a session token after its user signed out", async () => {
    const user = await makeUser();
    signInAs(user);
    expect(await getSessionUser()).not.toBeNull();
    await revokeSessions(user.id);
    expect(await getSessionUser()).toBeNull();
  });
});
