"use server";

import { getSessionUser } from "@/lib/auth/guards";
import { z } from "zod";
import { getCourse, type Project } from "@/lib/content/load";
import { describeZodError } from "@/lib/http/errors";
import { listProjectStates, setMilestone, setRepoUrl, startProject, type ProjectState } from "@/lib/projects";
import { MilestoneSchema, RepoSchema, StartProjectSchema } from "@/lib/schemas/projects";
import { loggedAction } from "@/lib/http/action-log";

export type ProjectActionResult = { ok: true; state: ProjectState } | { ok: false; error: string };

const SIGN_IN = "Sign in to track this project.";

/** Shared shape of every project action: user, validation, project lookup, then the work. */
async function run<T extends { projectId: string }>(
  schema: z.ZodType<T>,
  input: unknown,
  work: (userId: string, project: Project, data: T) => Promise<string | void>,
): Promise<ProjectActionResult> {
  const user = await getSessionUser();
  if (!user) return { ok: false, error: SIGN_IN };
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  const project = getCourse().projects.get(parsed.data.projectId);
  if (!project) return { ok: false, error: "That project idea no longer exists. Reload the page." };
  const problem = await work(user.id, project, parsed.data);
  if (problem) return { ok: false, error: problem };
  const [state] = await listProjectStates(user.id, [project.id]);
  return { ok: true, state };
}

export const startProjectAction = loggedAction("startProject", async (input: unknown) => {
  return run(StartProjectSchema, input, (userId, project) => startProject(userId, project));
});

export const setMilestoneAction = loggedAction("setMilestone", async (input: unknown) => {
  return run(MilestoneSchema, input, async (userId, project, data) => {
    if (!project.milestones.some((m) => m.id === data.milestoneId)) return "That milestone is not part of this project. Reload the page.";
    await setMilestone(userId, project, data.milestoneId, data.done);
  });
});

export const setRepoUrlAction = loggedAction("setRepoUrl", async (input: unknown) => {
  return run(RepoSchema, input, (userId, project, data) => setRepoUrl(userId, project, data.repoUrl));
});
