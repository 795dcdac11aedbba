import "server-only";
import type { Project } from "@/lib/content/load";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";

export interface ProjectState {
  projectId: string;
  started: boolean;
  repoUrl: string | null;
  doneMilestoneIds: string[];
}

/** Starts a project (idempotent: starting twice keeps one row and its start date). */
export async function startProject(userId: string, project: Pick<Project, "id" | "track">): Promise<void> {
  try {
    await db.projectProgress.create({ data: { userId, projectId: project.id, trackId: project.track } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

/** Ticks or unticks a milestone; idempotent on (userId, projectId, milestoneId). Starts the project if needed. */
export async function setMilestone(
  userId: string,
  project: Pick<Project, "id" | "track">,
  milestoneId: string,
  done: boolean,
): Promise<void> {
  if (!done) {
    await db.projectMilestone.deleteMany({ where: { userId, projectId: project.id, milestoneId } });
    return;
  }
  await startProject(userId, project);
  try {
    await db.projectMilestone.create({ data: { userId, projectId: project.id, milestoneId } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

/** Sets (or clears, with "") the repository URL; the URL must already be validated by RepoUrlSchema. */
export async function setRepoUrl(userId: string, project: Pick<Project, "id" | "track">, repoUrl: string): Promise<void> {
  await startProject(userId, project);
  await db.projectProgress.update({
    where: { userId_projectId: { userId, projectId: project.id } },
    data: { repoUrl: repoUrl || null },
  });
}

/** The user's state for the given projects (or all they started), in two queries. */
export async function listProjectStates(userId: string, projectIds?: string[]): Promise<ProjectState[]> {
  const filter = projectIds ? { projectId: { in: projectIds } } : {};
  const [progress, milestones] = await Promise.all([
    db.projectProgress.findMany({ where: { userId, ...filter }, orderBy: { updatedAt: "desc" } }),
    db.projectMilestone.findMany({ where: { userId, ...filter }, select: { projectId: true, milestoneId: true } }),
  ]);
  return progress.map((row) => ({
    projectId: row.projectId,
    started: true,
    repoUrl: row.repoUrl,
    doneMilestoneIds: milestones.filter((m) => m.projectId === row.projectId).map((m) => m.milestoneId),
  }));
}
