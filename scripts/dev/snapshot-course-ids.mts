// Dev tool: writes the ids a learner's stored rows are keyed by (tracks, lessons in order, each lesson's
// exercise, quiz and quiz question ids, with each question's type and right answer) and the migrations
// a database of that time had applied, for a course taken from a directory or a commit. tests/integration/content-upgrade.test.ts reads the result
// (tests/fixtures/course-before-issue-17.json) to check that a database from before a content change
// still means the same thing after it.
//
//   git archive 6fc5d0a lessons prisma | tar -x -C /tmp/base
//   npx tsx --conditions=react-server scripts/dev/snapshot-course-ids.mts --from /tmp/base --commit 6fc5d0a \
//     --out tests/fixtures/course-before-issue-17.json
//
// --from names a directory holding lessons/ (read with the current loader, lib/content/load.ts) and
// prisma/ (its migrations are listed with their SHA-256); --commit is recorded as the source (its full
// hash when this repository knows it). Without --from, the commit is extracted with git archive into a
// temporary directory first. Without --out, the JSON goes to standard output.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { format, resolveConfig } from "prettier";
import { loadCourseFrom } from "@/lib/content/load";

const { values } = parseArgs({ options: { from: { type: "string" }, commit: { type: "string" }, out: { type: "string" } } });
if (!values.commit) {
  console.error("usage: snapshot-course-ids.mts --commit <rev> [--from <dir with lessons/ and prisma/>] [--out <file.json>]");
  process.exit(2);
}
const repo = path.resolve(import.meta.dirname, "../..");
const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" }).trim();
const commit = git("rev-parse", "--verify", `${values.commit}^{commit}`);

let dir = values.from ? path.resolve(values.from) : "";
if (!dir) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "course-snapshot-"));
  execFileSync("sh", ["-c", `git archive "${commit}" lessons prisma | tar -x -C "${dir}"`], { cwd: repo, stdio: "inherit" });
}

const course = loadCourseFrom(path.join(dir, "lessons"));
const tracks = course.tracks.map((track) => ({
  id: track.id,
  lessons: track.lessons.map((lesson) => ({
    id: lesson.id,
    exercise: lesson.exercise?.id ?? null,
    quiz: lesson.quiz
      ? {
          id: lesson.quiz.id,
          // A stored answer is graded right or wrong against these: the type and the right answer
          // (option ids, or the step ids in order).
          questions: lesson.quiz.questions.map((question) => ({
            id: question.id,
            type: question.type,
            answer: question.type === "order" ? question.items.map((item) => item.id) : question.answer,
          })),
        }
      : null,
  })),
}));

function migrations(folder: string) {
  const root = path.join(dir, "prisma", folder);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .filter((name) => fs.existsSync(path.join(root, name, "migration.sql")))
    .sort()
    .map((name) => ({
      name,
      sha256: createHash("sha256")
        .update(fs.readFileSync(path.join(root, name, "migration.sql")))
        .digest("hex"),
    }));
}

const out = path.relative(repo, path.resolve(values.out ?? "tests/fixtures/course-before-issue-17.json"));
const snapshot = {
  source: {
    commit,
    note: `The course and migrations at ${commit.slice(0, 7)}, read with loadCourseFrom from lib/content/load.ts.`,
    regenerate:
      `git archive ${commit.slice(0, 7)} lessons prisma | tar -x -C /tmp/base && ` +
      `npx tsx --conditions=react-server scripts/dev/snapshot-course-ids.mts --from /tmp/base --commit ${commit.slice(0, 7)} --out ${out}`,
  },
  tracks,
  migrations: { sqlite: migrations("migrations"), postgres: migrations("postgres/migrations") },
};
// Formatted as the repository's Prettier settings would, so the fixture passes prettier --check.
const target = path.join(repo, out);
const json = await format(JSON.stringify(snapshot), { ...(await resolveConfig(target)), filepath: target });
if (values.out) fs.writeFileSync(values.out, json);
else process.stdout.write(json);
if (!values.from) fs.rmSync(dir, { recursive: true, force: true });
