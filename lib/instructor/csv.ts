import "server-only";
import type { Viewer } from "@/lib/instructor/access";
import { formatDate } from "@/lib/format";
import { loadCohortProgress, type CohortProgress } from "@/lib/instructor/cohort-progress";

// CSV that opens cleanly in Excel, LibreOffice and Google Sheets: a UTF-8 byte order mark (Excel
// otherwise guesses a legacy code page and mangles names), CRLF row ends (RFC 4180), every field
// quoted when it must be, and no cell a spreadsheet would run as a formula.

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field. A value starting with = + - @ tab or CR is a formula (or a DDE payload) to a spreadsheet,
 * and a learner chooses their own name: prefixing a single quote makes it plain text (numbers we
 * computed are left as numbers). Then a value
 * holding a quote, comma or line break is wrapped in quotes, with its quotes doubled.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: (string | number | boolean | null | undefined)[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

function isoDate(date: Date | null): string {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, "Z") : "";
}

/** One row per learner: totals, per-track completion, then completion, best quiz score and verdict per lesson. */
export function progressToRows(progress: CohortProgress): (string | number | null)[][] {
  const lessons = progress.tracks.flatMap((track) => track.lessons);
  const header = [
    "Name",
    "Email",
    "Joined",
    "Last active",
    "Lessons completed",
    "Lessons total",
    "Percent complete",
    "Quizzes mastered",
    "Exercises passed",
    ...progress.tracks.map((track) => `${track.title} lessons completed`),
    "At risk",
    ...lessons.flatMap((lesson) => [
      `${lesson.id} completed`,
      ...(lesson.quizId ? [`${lesson.id} quiz best %`] : []),
      ...(lesson.exerciseId ? [`${lesson.id} exercise`] : []),
    ]),
  ];
  const rows = progress.learners.map((learner) => [
    learner.name,
    learner.email,
    isoDate(learner.joinedAt),
    isoDate(learner.lastActiveAt),
    learner.completed,
    learner.total,
    learner.percent,
    learner.quizzesMastered,
    learner.exercisesPassed,
    ...progress.tracks.map((track) => learner.byTrack[track.id]?.completed ?? 0),
    learner.risks.join("; "),
    ...lessons.flatMap((lesson) => {
      const cell = learner.cells[lesson.id];
      return [
        cell?.completed ? "yes" : "no",
        ...(lesson.quizId ? [cell?.quizBest === null || cell?.quizBest === undefined ? "" : Math.round(cell.quizBest * 100)] : []),
        ...(lesson.exerciseId ? [cell?.exercise ?? ""] : []),
      ];
    }),
  ]);
  return [header, ...rows];
}

/** The export of one of the viewer's cohorts: the file name and the CSV text. */
export async function buildCohortCsv(viewer: Viewer, cohortId: string, now = new Date()): Promise<{ filename: string; csv: string }> {
  const progress = await loadCohortProgress(viewer, cohortId, { now });
  const slug =
    progress.cohort.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "cohort";
  return { filename: `${slug}-progress-${formatDate(now)}.csv`, csv: toCsv(progressToRows(progress)) };
}
