import { randomUUID } from "node:crypto";
import type { RoleName } from "@/lib/auth/roles";
import type { RunResult } from "@/lib/runner/types";
import { createUser } from "@/lib/users";

/** Creates a user with a unique email; returns it with the password used. */
export async function makeUser(role: RoleName = "LEARNER", name = "Test Learner") {
  const password = `correct horse ${randomUUID()}`;
  const email = `user-${randomUUID()}@example.test`;
  const user = await createUser({ name, email, password }, role);
  return { ...user, password };
}

/** A server runner whose every run ends with `status` after one check, for the write paths of submissions. */
export function runnerAnswering(status: RunResult["status"]) {
  return {
    run: async (): Promise<RunResult> => ({
      status,
      phase: "checks",
      message: status,
      traceback: "",
      output: "",
      checks: [{ name: "c1", title: "Check", status: status === "pass" ? "pass" : "fail", message: "", traceback: "", output: "" }],
      engine: "server",
      durationMs: 1,
    }),
  };
}
