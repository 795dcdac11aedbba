import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, loadCourseFrom } from "@/lib/content/load";

const fixture = path.join(import.meta.dirname, "../fixtures/content");
const temps: string[] = [];

/** A copy of the fixture course with one file changed. */
function courseWith(file: string, edit: (text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "content-"));
  temps.push(dir);
  fs.cpSync(fixture, dir, { recursive: true });
  const target = path.join(dir, file);
  fs.writeFileSync(target, edit(fs.readFileSync(target, "utf8")));
  return dir;
}

afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("loadCourseFrom", () => {
  it("loads tracks, lessons in order, quizzes, exercises and support files", () => {
    const course = loadCourseFrom(fixture);
    const flask = course.tracks[0];
    expect(flask.lessons.map((lesson) => [lesson.id, lesson.slug, lesson.index])).toEqual([
      ["flask-hello", "hello", 0],
      ["flask-routes", "routes", 1],
    ]);
    expect(course.quizzes.get("flask-hello-quiz")?.version).toMatch(/^[0-9a-f]{12}$/);
    expect(course.exercises.get("flask-hello-ex")).toMatchObject({ engine: "browser", lessonId: "flask-hello" });
    expect(course.exercises.get("flask-hello-ex")?.solution).toContain('return "hello"');
  });

  it.each([
    ["flask/01-hello/lesson.md", (t: string) => t.replace("minutes: 10", "minutes: ten"), "lessons/flask/01-hello/lesson.md: minutes:"],
    [
      "flask/01-hello/lesson.md",
      (t: string) => t.replace(/  - Three\n/, ""),
      "objectives: every lesson needs at least 3 learning objectives",
    ],
    [
      "flask/01-hello/quiz.yaml",
      (t: string) => t.replace("answer: b", "answer: e"),
      'quiz.yaml: questions.2.answer: "e" is not one of the option ids',
    ],
    ["flask/01-hello/quiz.yaml", (t: string) => t.replace("type: order", "type: essay"), "lessons/flask/01-hello/quiz.yaml: questions.3"],
    ["flask/01-hello/quiz.yaml", (t: string) => t.replace("id: q2", "id: q1"), "questions: question ids must be unique"],
    [
      "flask/02-routes/lesson.md",
      (t: string) => t.replace("id: flask-routes", "id: flask-hello"),
      'id "flask-hello" is already used by lessons/flask/01-hello/lesson.md',
    ],
    [
      "flask/02-routes/lesson.md",
      (t: string) => t.replace("id: flask-routes", "id: Flask Routes"),
      "lessons/flask/02-routes/lesson.md: id: ids use lowercase",
    ],
    [
      "flask/01-hello/exercise/exercise.yaml",
      (t: string) => t.replace("engine: browser", "engine: gpu"),
      "exercise/exercise.yaml: engine:",
    ],
    [
      "flask/track.yaml",
      (t: string) => t.replace("  - 02-routes\n", ""),
      'track.yaml: lessons: folder "02-routes" exists but is not listed',
    ],
    [
      "chooser.yaml",
      (t: string) => t.replace("weight: 3, reason: Django has everything.", "weight: 9, reason: Django has everything."),
      "chooser.yaml: questions.0.options.1.evidence.0.weight",
    ],
    [
      "flask/01-hello/quiz.yaml",
      (t: string) => t.replace("questions:", "questions: [\n"),
      "lessons/flask/01-hello/quiz.yaml: not valid YAML",
    ],
  ])("names the file and the field when %s is wrong", (file, edit, message) => {
    const dir = courseWith(file, edit);
    expect(() => loadCourseFrom(dir)).toThrow(ContentError);
    expect(() => loadCourseFrom(dir)).toThrow(message);
  });

  it("reports a missing exercise file by name", () => {
    const dir = courseWith("flask/01-hello/exercise/checks.py", (t) => t);
    fs.rmSync(path.join(dir, "flask/01-hello/exercise/checks.py"));
    expect(() => loadCourseFrom(dir)).toThrow("lessons/flask/01-hello/exercise/checks.py: file is missing");
  });

  describe("a testing exercise (kind: tests)", () => {
    /** The fixture's exercise turned into a testing exercise with the given apps (name -> first line). */
    function testingCourse(apps: Record<string, string>): string {
      const dir = courseWith("flask/01-hello/exercise/exercise.yaml", (t) => t.replace(/^engine: .*$/m, "$&\nkind: tests"));
      const exercise = path.join(dir, "flask/01-hello/exercise");
      fs.rmSync(path.join(exercise, "checks.py"));
      fs.mkdirSync(path.join(exercise, "apps"));
      for (const [name, head] of Object.entries(apps)) fs.writeFileSync(path.join(exercise, "apps", `${name}.py`), `${head}\napp = None\n`);
      return dir;
    }
    const bugs = { a: "# Bug: answers 200", b: "# Bug: drops the title", c: "# Bug: crashes on a missing id" };

    it("loads the working app and the broken ones with their bug lines, and no checks", () => {
      const course = loadCourseFrom(testingCourse({ working: "# works", ...bugs }));
      const exercise = [...course.exercises.values()][0];
      expect(exercise.kind).toBe("tests");
      expect(exercise.checks).toBe("");
      expect(exercise.tests?.framework).toBe("flask");
      expect(exercise.tests?.apps.map((a) => [a.name, a.description])).toEqual([
        ["a", "answers 200"],
        ["b", "drops the title"],
        ["c", "crashes on a missing id"],
        ["working", ""],
      ]);
    });

    it("needs a working app, three broken ones, and a bug line on each", () => {
      expect(() => loadCourseFrom(testingCourse(bugs))).toThrow("needs apps/working.py");
      expect(() => loadCourseFrom(testingCourse({ working: "#", a: bugs.a, b: bugs.b }))).toThrow("at least 3 broken apps");
      expect(() => loadCourseFrom(testingCourse({ working: "#", ...bugs, d: "# no bug line" }))).toThrow(
        '"# Bug: <what this app does wrong>"',
      );
    });
  });
});
