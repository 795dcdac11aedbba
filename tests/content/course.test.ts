import { describe, expect, it } from "vitest";
import { contentRoot, loadCourseFrom } from "@/lib/content/load";
import { FRAMEWORKS } from "@/lib/content/schema";

// The real course in lessons/: every file parses and matches its schema (the loader throws with the
// file and field otherwise), ids are unique (the loader checks), and each track meets its minimums.
const course = loadCourseFrom(contentRoot());
const MIN_LESSONS = { flask: 10, django: 10, fastapi: 10, compare: 5 } as const;

describe("the course content", () => {
  it("has all four tracks", () => {
    expect(course.tracks.map((track) => track.id).sort()).toEqual(["compare", "django", "fastapi", "flask"]);
  });

  it.each(Object.entries(MIN_LESSONS))("the %s track has at least %i lessons, each with a quiz of 4+ questions", (trackId, min) => {
    const track = course.tracks.find((t) => t.id === trackId)!;
    expect(track.lessons.length).toBeGreaterThanOrEqual(min);
    for (const lesson of track.lessons) {
      expect(lesson.quiz, `${lesson.id} has no quiz.yaml`).toBeDefined();
      expect(lesson.quiz!.questions.length).toBeGreaterThanOrEqual(4);
    }
  });

  it.each(FRAMEWORKS)("the %s track has at least 8 exercises and 3 project ideas", (trackId) => {
    const exercises = [...course.exercises.values()].filter((exercise) => exercise.trackId === trackId);
    expect(exercises.length).toBeGreaterThanOrEqual(8);
    const projects = [...course.projects.values()].filter((project) => project.track === trackId);
    expect(projects.length).toBeGreaterThanOrEqual(3);
  });

  it("runs FastAPI exercises on the server engine (Pydantic 2 cannot run in Pyodide here)", () => {
    const browserFastapi = [...course.exercises.values()].filter((e) => e.trackId === "fastapi" && e.engine === "browser");
    expect(browserFastapi.map((e) => e.id)).toEqual([]);
  });

  it("ends every lesson with a summary and uses no top-level heading in the body", () => {
    for (const lesson of course.lessons.values()) {
      const prose = lesson.body.replace(/^```[\s\S]*?^```/gm, "");
      expect(prose, `${lesson.id} needs a "## Summary" section`).toMatch(/^## Summary/m);
      expect(prose, `${lesson.id} uses "# " headings; the title comes from front matter`).not.toMatch(/^# /m);
    }
  });

  it("has a quiz mix with ordering or predict-the-output questions in every lesson", () => {
    for (const lesson of course.lessons.values()) {
      const types = new Set(lesson.quiz!.questions.map((q) => q.type));
      expect(types.has("order") || types.has("output"), `${lesson.id} quiz has neither an order nor an output question`).toBe(true);
    }
  });

  it("has a chooser with 8 to 12 questions", () => {
    expect(course.chooser.questions.length).toBeGreaterThanOrEqual(8);
    expect(course.chooser.questions.length).toBeLessThanOrEqual(12);
  });
});
