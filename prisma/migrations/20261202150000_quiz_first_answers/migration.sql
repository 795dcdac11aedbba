-- CreateTable
CREATE TABLE "QuizFirstAnswer" (
    "userId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,

    PRIMARY KEY ("userId", "lessonId", "questionId"),
    CONSTRAINT "QuizFirstAnswer_userId_lessonId_fkey" FOREIGN KEY ("userId", "lessonId") REFERENCES "LessonSummary" ("userId", "lessonId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "QuizFirstAnswer_userId_lessonId_questionId_correct_idx" ON "QuizFirstAnswer"("userId", "lessonId", "questionId", "correct");

-- Backfill from the first attempt's results kept on the summary row, before that column goes: the
-- entries lib/records.ts decodeQuizResults() accepts (an object with a text questionId and a boolean
-- correct); anything else in the JSON is skipped, as the dashboard skipped it. A question listed twice
-- counts once. Every JSON function is behind a CASE: SQLite may call it on a row (or an element) that
-- a WHERE condition next to it would have skipped, and it fails on text that is not JSON.
INSERT INTO "QuizFirstAnswer" ("userId", "lessonId", "questionId", "correct")
SELECT s."userId", s."lessonId", json_extract(q.value, '$.questionId'), json_type(q.value, '$.correct') = 'true'
FROM "LessonSummary" s,
    json_each(CASE WHEN json_valid(s."quizFirstResults") THEN (CASE WHEN json_type(s."quizFirstResults") = 'array' THEN s."quizFirstResults" END) END) q
WHERE q.type = 'object'
    AND (CASE WHEN q.type = 'object' THEN json_type(q.value, '$.questionId') END) = 'text'
    AND (CASE WHEN q.type = 'object' THEN json_type(q.value, '$.correct') END) IN ('true', 'false')
ON CONFLICT DO NOTHING;

-- RedefineTables (drops LessonSummary.quizFirstResults)
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LessonSummary" (
    "userId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "trackId" TEXT NOT NULL,
    "completedAt" DATETIME,
    "quizAttempts" INTEGER NOT NULL DEFAULT 0,
    "quizFailures" INTEGER NOT NULL DEFAULT 0,
    "quizBest" REAL,
    "quizLastAt" DATETIME,
    "quizFirstAt" DATETIME,
    "submissions" INTEGER NOT NULL DEFAULT 0,
    "exerciseFailures" INTEGER NOT NULL DEFAULT 0,
    "exerciseVerdict" TEXT,
    "exerciseLastAt" DATETIME,

    PRIMARY KEY ("userId", "lessonId"),
    CONSTRAINT "LessonSummary_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_LessonSummary" ("completedAt", "exerciseFailures", "exerciseLastAt", "exerciseVerdict", "lessonId", "quizAttempts", "quizBest", "quizFailures", "quizFirstAt", "quizLastAt", "submissions", "trackId", "userId") SELECT "completedAt", "exerciseFailures", "exerciseLastAt", "exerciseVerdict", "lessonId", "quizAttempts", "quizBest", "quizFailures", "quizFirstAt", "quizLastAt", "submissions", "trackId", "userId" FROM "LessonSummary";
DROP TABLE "LessonSummary";
ALTER TABLE "new_LessonSummary" RENAME TO "LessonSummary";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
