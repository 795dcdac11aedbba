import { describe, expect, it } from "vitest";
import { contentRoot, loadCourseFrom, type Lesson } from "@/lib/content/load";
import { TRACK_IDS, type Question } from "@/lib/content/schema";

// Quiz bank rules over the real files in lessons/, measured on the files as authored (before the
// server shuffles anything): the server shuffles options per attempt, but a file that leans on one
// position, or on "everything but the last", still teaches test-wise habits and shows in reviews.
// See docs/decisions/0011-quiz-banks-and-reveal.md and ../shared/CONTENT.md ("Quizzes").
//
// Not checked here, because it is a reviewer's judgement: that every ordering question has exactly
// one defensible order (no two steps that could swap, no ranking that rests on opinion). Review each
// `type: order` question for it.

const course = loadCourseFrom(contentRoot());
const MIN_BANK = 8;
/** No option position may hold the right answer in more than this share of a track's single and output questions. */
const MAX_POSITION_SHARE = 0.4;
/** At most this share of a track's multiple-choice questions may have "every option but the last" as the answer. */
const MAX_ALL_BUT_LAST_SHARE = 0.25;

const lessonsOf = (trackId: string): Lesson[] => course.tracks.find((track) => track.id === trackId)?.lessons ?? [];
const questionsOf = (trackId: string): { lesson: Lesson; question: Question }[] =>
  lessonsOf(trackId).flatMap((lesson) => (lesson.quiz?.questions ?? []).map((question) => ({ lesson, question })));
const where = (lesson: Lesson, question: Question) => `${lesson.trackId}/${lesson.folder}/quiz.yaml ${question.id}`;
const percent = (share: number) => `${Math.round(share * 100)}%`;

describe.each(TRACK_IDS)("the %s track's quiz banks", (trackId) => {
  it(`give every lesson a bank of at least ${MIN_BANK} questions`, () => {
    const small = lessonsOf(trackId)
      .filter((lesson) => (lesson.quiz?.questions.length ?? 0) < MIN_BANK)
      .map((lesson) => `${lesson.folder}: ${lesson.quiz?.questions.length ?? 0} questions`);
    expect(small, `quizzes with fewer than ${MIN_BANK} questions`).toEqual([]);
  });

  it("name, for every question, which of the lesson's objectives it assesses", () => {
    const bad = questionsOf(trackId).flatMap(({ lesson, question }) => {
      if (question.objective === undefined) return [`${where(lesson, question)}: no objective`];
      if (question.objective > lesson.objectives.length) {
        return [`${where(lesson, question)}: objective ${question.objective}, but the lesson has ${lesson.objectives.length}`];
      }
      return [];
    });
    expect(bad, "questions without a valid `objective: N` (1-based, into the lesson's objectives)").toEqual([]);
  });

  it(`put the right answer of single and output questions in no one position more than ${percent(MAX_POSITION_SHARE)} of the time`, () => {
    const positions = questionsOf(trackId).flatMap(({ question }) =>
      question.type === "single" || question.type === "output"
        ? [question.options.findIndex((option) => option.id === question.answer)]
        : [],
    );
    expect(positions.length).toBeGreaterThan(0);
    const counts = new Map<number, number>();
    for (const position of positions) counts.set(position, (counts.get(position) ?? 0) + 1);
    const leaning = [...counts]
      .filter(([, count]) => count / positions.length > MAX_POSITION_SHARE)
      .map(
        ([position, count]) => `option ${position + 1} is right in ${count} of ${positions.length} (${percent(count / positions.length)})`,
      );
    expect(leaning, "positions that hold the right answer too often").toEqual([]);
  });

  it(`make "every option but the last" the answer of at most ${percent(MAX_ALL_BUT_LAST_SHARE)} of multiple-choice questions`, () => {
    const multiple = questionsOf(trackId).filter(({ question }) => question.type === "multiple");
    const allButLast = multiple.filter(({ question }) => {
      if (question.type !== "multiple") return false;
      const leading = question.options.slice(0, -1).map((option) => option.id);
      return question.answer.length === leading.length && leading.every((id) => question.answer.includes(id));
    });
    const share = multiple.length ? allButLast.length / multiple.length : 0;
    expect(
      share,
      `${allButLast.length} of ${multiple.length} (${percent(share)}): ${allButLast.map(({ lesson, question }) => where(lesson, question)).join(", ")}`,
    ).toBeLessThanOrEqual(MAX_ALL_BUT_LAST_SHARE);
  });
});

// Options are shown without letters and in a new order on every attempt, so a prompt or explanation
// that names an option by its letter ("option b", "so a and c are wrong", "(c)") points at nothing the
// learner can see. Name the option by what it says instead. Only prose is checked: text inside
// backticks is code, where single letters are ordinary names.
const LETTER_REFERENCES: { pattern: RegExp; shape: string }[] = [
  { pattern: /\b(?:option|message|choice)s?\s+[a-e]\b/i, shape: '"option b", "message a"' },
  { pattern: /\banswers?\s+[b-e]\b/i, shape: '"answer c"' },
  { pattern: /\b[a-e]\s+(?:and|or|nor)\s+[a-e]\b/, shape: '"a and c"' },
  { pattern: /\b(?:so|why|tempting)\s+[a-e]\s+(?:is|are|and|or|describes)\b/i, shape: '"so c is wrong"' },
  { pattern: /\bthe tempting\s+[a-e]\b/i, shape: '"the tempting b"' },
  { pattern: /[(,]\s*[a-e]\)/, shape: '"(b)", "(or its escaped form, c)"' },
];
const prose = (text: string) => text.replace(/`[^`]*`/g, "``");

describe("quiz prompts and explanations", () => {
  it("never name an option by its letter (options are shown unlettered and shuffled)", () => {
    const bad = TRACK_IDS.flatMap((trackId) =>
      questionsOf(trackId).flatMap(({ lesson, question }) =>
        (["prompt", "explanation"] as const).flatMap((field) => {
          const text = prose(question[field]);
          return LETTER_REFERENCES.flatMap(({ pattern, shape }) => {
            const match = pattern.exec(text);
            return match ? [`${where(lesson, question)} ${field}: "${match[0]}" (like ${shape})`] : [];
          });
        }),
      ),
    );
    expect(bad, "name the option by its content instead of its letter").toEqual([]);
  });
});
