"use server";

import { action } from "@/lib/actions/define";
import { getCourse, type Project } from "@/lib/content/load";
import { ExpectedError } from "@/lib/errors";
import { listProjectStates, setMilestone, setRepoUrl, startProject } from "@/lib/projects";
import { MilestoneSchema, RepoSchema, StartProjectSchema } from "@/lib/schemas/projects";

const SIGNED_OUT = { signedOut: "Sign in to track this project." } as const;

function projectOf(projectId: string): Project {
  const project = getCourse().projects.get(projectId);
  if (!project) throw new ExpectedError(404, "That project idea no longer exists. Reload the page.");
  return project;
}

/** Every project action answers the project's state after the change. */
async function stateOf(userId: string, project: Project) {
  const [state] = await listProjectStates(userId, [project.id]);
  return { state };
}

export const startProjectAction = action(
  { name: "startProject", auth: SIGNED_OUT, schema: StartProjectSchema },
  async ({ user, input }) => {
    const project = projectOf(input.projectId);
    await startProject(user.id, project);
    return stateOf(user.id, project);
  },
);

export const setMilestoneAction = action({ name: "setMilestone", auth: SIGNED_OUT, schema: MilestoneSchema }, async ({ user, input }) => {
  const project = projectOf(input.projectId);
  if (!project.milestones.some((m) => m.id === input.milestoneId)) {
    throw new ExpectedError(404, "That milestone is not part of this project. Reload the page.");
  }
  await setMilestone(user.id, project, input.milestoneId, input.done);
  return stateOf(user.id, project);
});

export const setRepoUrlAction = action({ name: "setRepoUrl", auth: SIGNED_OUT, schema: RepoSchema }, async ({ user, input }) => {
  const project = projectOf(input.projectId);
  await setRepoUrl(user.id, project, input.repoUrl);
  return stateOf(user.id, project);
});
