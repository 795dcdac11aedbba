import "server-only";
import { confidenceLabel, type ChooserResult } from "@/lib/chooser/scoring";
import { getCourse } from "@/lib/content/load";
import { getLesson, lessonPath, listTracks } from "@/lib/content/queries";
import { FRAMEWORK_NAMES } from "@/lib/content/schema";
import { getLearnerDashboard, type LearnerDashboard, type TrackOverview } from "@/lib/learner-dashboard";

type Link = { title: string; href: string };

/**
 * What the learner dashboard shows, as GET /api/dashboard sends it: counts, titles and links ready to
 * render, so the page (prerendered, the same for everyone) looks nothing up in the browser.
 */
export interface DashboardView {
  name: string;
  tracks: (Omit<TrackOverview, "nextLessonId"> & { next: Link | null })[];
  /** The newest chooser result: the framework, how firm the pick was when not clear, and where it is explained. */
  choice: { framework: string; note: string | null; href: string } | null;
  projects: (Link & { done: number; total: number })[];
  /** Attempted quizzes, the ones that need review first; `href` is null for a lesson no longer in the course. */
  quizzes: { quizId: string; lesson: string; href: string | null; percent: number; attempts: number; mastered: boolean }[];
}

function lessonLink(lessonId: string | undefined): Link | null {
  const lesson = lessonId ? getLesson(lessonId) : undefined;
  return lesson ? { title: lesson.title, href: lessonPath(lesson) } : null;
}

/** How firm the chooser's pick was, when it was not clear. */
function choiceNote(result: ChooserResult): string | null {
  if (result.confidence === "clear") return null;
  if (result.tippedByRecord) return confidenceLabel(result);
  return result.confidence === "tie" ? "a tie" : "a close call";
}

export function toDashboardView(name: string, { overview, projects, latestChoice }: LearnerDashboard): DashboardView {
  const ideas = getCourse().projects;
  return {
    name,
    tracks: overview.tracks.map(({ nextLessonId, ...track }) => ({ ...track, next: lessonLink(nextLessonId) })),
    choice: latestChoice && {
      framework: FRAMEWORK_NAMES[latestChoice.result.recommendation],
      note: choiceNote(latestChoice.result),
      href: `/chooser/results/${latestChoice.id}`,
    },
    projects: projects.flatMap((state) => {
      const idea = ideas.get(state.projectId);
      return idea
        ? [{ title: idea.title, href: `/projects/${idea.id}`, done: state.doneMilestoneIds.length, total: idea.milestones.length }]
        : [];
    }),
    quizzes: overview.quizzes.map((quiz) => {
      const link = lessonLink(quiz.lessonId);
      return {
        quizId: quiz.quizId,
        lesson: link?.title ?? quiz.lessonId,
        href: link?.href ?? null,
        percent: Math.round(quiz.best * 100),
        attempts: quiz.attempts,
        mastered: quiz.mastered,
      };
    }),
  };
}

/** The signed-in learner's dashboard, in the one query of getLearnerDashboard. */
export async function getDashboardView(user: { id: string; name: string }): Promise<DashboardView> {
  return toDashboardView(user.name, await getLearnerDashboard(user.id, listTracks()));
}
