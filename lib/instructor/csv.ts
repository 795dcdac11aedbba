import "server-only";
import type { Viewer } from "@/lib/instructor/access";
import { formatDate } from "@/lib/format";
import { pageCohortProgress, type LearnerProgress, type TrackColumns } from "@/lib/instructor/cohort-progress";

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

/** The header row: totals, per-track completion, then completion, best quiz score and verdict per lesson. */
export function headerRow(tracks: TrackColumns[]): string[] {
  return [
    "Name",
    "Email",
    "Joined",
    "Last active",
    "Lessons completed",
    "Lessons total",
    "Percent complete",
    "Quizzes mastered",
    "Exercises passed",
    ...tracks.map((track) => `${track.title} lessons completed`),
    "At risk",
    ...tracks
      .flatMap((track) => track.lessons)
      .flatMap((lesson) => [
        `${lesson.id} completed`,
        ...(lesson.quizId ? [`${lesson.id} quiz best %`] : []),
        ...(lesson.exerciseId ? [`${lesson.id} exercise`] : []),
      ]),
  ];
}

/** One learner's row, in the header's columns. */
export function learnerRow(tracks: TrackColumns[], learner: LearnerProgress): (string | number | null)[] {
  return [
    learner.name,
    learner.email,
    isoDate(learner.joinedAt),
    isoDate(learner.lastActiveAt),
    learner.completed,
    learner.total,
    learner.percent,
    learner.quizzesMastered,
    learner.exercisesPassed,
    ...tracks.map((track) => learner.byTrack[track.id]?.completed ?? 0),
    learner.risks.join("; "),
    ...tracks
      .flatMap((track) => track.lessons)
      .flatMap((lesson) => {
        const cell = learner.cells[lesson.id];
        return [
          cell?.completed ? "yes" : "no",
          ...(lesson.quizId ? [cell?.quizBest === null || cell?.quizBest === undefined ? "" : Math.round(cell.quizBest * 100)] : []),
          ...(lesson.exerciseId ? [cell?.exercise ?? ""] : []),
        ];
      }),
  ];
}

const line = (row: (string | number | null)[]) => `${row.map(csvCell).join(",")}\r\n`;

/**
 * The export of one of the viewer's cohorts as a stream: the byte order mark and the header go out
 * at once, then each page of learners is read from the database only when the response has room
 * for it (pull), so memory holds one page and a large cohort starts downloading immediately. The
 * cohort is checked before this returns, so a refusal is an ordinary error, not a broken download.
 */
export async function streamCohortCsv(
  viewer: Viewer,
  cohortId: string,
  now = new Date(),
): Promise<{ filename: string; stream: ReadableStream<Uint8Array> }> {
  const { cohort, tracks, pages } = await pageCohortProgress(viewer, cohortId, { now });
  const encoder = new TextEncoder();
  let started = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(`\uFEFF${line(headerRow(tracks))}`));
          return;
        }
        const page = await pages.next();
        if (page.done) controller.close();
        else controller.enqueue(encoder.encode(page.value.map((learner) => line(learnerRow(tracks, learner))).join("")));
      },
      async cancel() {
        await pages.return(undefined);
      },
    },
    // One chunk queued ahead at most: the next page is read when the client has taken this one.
    { highWaterMark: 1 },
  );
  return { filename: csvFilename(cohort.name, now), stream };
}

function csvFilename(cohortName: string, now: Date): string {
  const slug =
    cohortName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "cohort";
  return `${slug}-progress-${formatDate(now)}.csv`;
}

/** The whole export as one string (tests, small cohorts): the stream, read to the end. */
export async function buildCohortCsv(viewer: Viewer, cohortId: string, now = new Date()): Promise<{ filename: string; csv: string }> {
  const { filename, stream } = await streamCohortCsv(viewer, cohortId, now);
  // ignoreBOM: keep the byte order mark in the text, as the file has it.
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  let csv = "";
  const reader = stream.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) csv += decoder.decode(chunk.value, { stream: true });
  return { filename, csv: csv + decoder.decode() };
}
