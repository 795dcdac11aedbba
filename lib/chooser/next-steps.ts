import "server-only";
import type { Framework } from "@/lib/content/schema";
import { getCourse } from "@/lib/content/load";
import { lessonPath } from "@/lib/content/queries";

export interface NextSteps {
  lessons: { id: string; title: string; href: string }[];
  projects: { id: string; title: string; difficulty: string; href: string }[];
}

/** The next lessons (not yet completed, in track order) and the project ideas for a framework. */
export function nextSteps(framework: Framework, completedLessonIds: Iterable<string> = []): NextSteps {
  const done = new Set(completedLessonIds);
  const course = getCourse();
  const track = course.tracks.find((t) => t.id === framework);
  return {
    lessons: (track?.lessons ?? [])
      .filter((lesson) => !done.has(lesson.id))
      .slice(0, 3)
      .map((lesson) => ({ id: lesson.id, title: lesson.title, href: lessonPath(lesson) })),
    projects: [...course.projects.values()]
      .filter((project) => project.track === framework)
      .map((project) => ({ id: project.id, title: project.title, difficulty: project.difficulty, href: `/projects/${project.id}` })),
  };
}
