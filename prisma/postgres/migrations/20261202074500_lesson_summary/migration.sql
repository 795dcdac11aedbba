-- CreateTable
CREATE TABLE "LessonSummary" (
    "userId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "trackId" TEXT NOT NULL,
    "completedAt" TIMESTAMP(3),
    "quizAttempts" INTEGER NOT NULL DEFAULT 0,
    "quizFailures" INTEGER NOT NULL DEFAULT 0,
    "quizBest" DOUBLE PRECISION,
    "quizLastAt" TIMESTAMP(3),
    "quizFirstAt" TIMESTAMP(3),
    "quizFirstResults" TEXT,
    "submissions" INTEGER NOT NULL DEFAULT 0,
    "exerciseFailures" INTEGER NOT NULL DEFAULT 0,
    "exerciseVerdict" TEXT,
    "exerciseLastAt" TIMESTAMP(3),

    CONSTRAINT "LessonSummary_pkey" PRIMARY KEY ("userId","lessonId")
);

-- CreateTable
CREATE TABLE "ActivityDay" (
    "userId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "trackId" TEXT NOT NULL,
    "events" INTEGER NOT NULL,

    CONSTRAINT "ActivityDay_pkey" PRIMARY KEY ("userId","day","trackId")
);

-- CreateIndex
CREATE INDEX "ActivityDay_day_idx" ON "ActivityDay"("day");

-- AddForeignKey
ALTER TABLE "LessonSummary" ADD CONSTRAINT "LessonSummary_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityDay" ADD CONSTRAINT "ActivityDay_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill from the rows already stored (learners' own rows are only read). One summary row per
-- learner and lesson that has a completion, a quiz attempt or a submission; the first attempt and
-- the latest verdict break ties on time by id, as lib/instructor/summary.ts does.
INSERT INTO "LessonSummary" ("userId", "lessonId", "trackId")
SELECT "userId", "lessonId", MIN("trackId") FROM (
    SELECT "userId", "lessonId", "trackId" FROM "LessonProgress"
    UNION ALL SELECT "userId", "lessonId", "trackId" FROM "QuizAttempt"
    UNION ALL SELECT "userId", "lessonId", "trackId" FROM "ExerciseSubmission"
) AS "touched" GROUP BY "userId", "lessonId";

UPDATE "LessonSummary" SET
    "completedAt" = (SELECT p."completedAt" FROM "LessonProgress" p WHERE p."userId" = "LessonSummary"."userId" AND p."lessonId" = "LessonSummary"."lessonId"),
    "quizAttempts" = (SELECT COUNT(*) FROM "QuizAttempt" q WHERE q."userId" = "LessonSummary"."userId" AND q."lessonId" = "LessonSummary"."lessonId"),
    "quizFailures" = (SELECT COUNT(*) FROM "QuizAttempt" q WHERE q."userId" = "LessonSummary"."userId" AND q."lessonId" = "LessonSummary"."lessonId" AND q."score" < 0.8),
    "quizBest" = (SELECT MAX(q."score") FROM "QuizAttempt" q WHERE q."userId" = "LessonSummary"."userId" AND q."lessonId" = "LessonSummary"."lessonId"),
    "quizLastAt" = (SELECT MAX(q."createdAt") FROM "QuizAttempt" q WHERE q."userId" = "LessonSummary"."userId" AND q."lessonId" = "LessonSummary"."lessonId"),
    "quizFirstAt" = (SELECT MIN(q."createdAt") FROM "QuizAttempt" q WHERE q."userId" = "LessonSummary"."userId" AND q."lessonId" = "LessonSummary"."lessonId"),
    "quizFirstResults" = (SELECT q."results" FROM "QuizAttempt" q WHERE q."userId" = "LessonSummary"."userId" AND q."lessonId" = "LessonSummary"."lessonId" ORDER BY q."createdAt", q."id" LIMIT 1),
    "submissions" = (SELECT COUNT(*) FROM "ExerciseSubmission" s WHERE s."userId" = "LessonSummary"."userId" AND s."lessonId" = "LessonSummary"."lessonId"),
    "exerciseFailures" = (SELECT COUNT(*) FROM "ExerciseSubmission" s WHERE s."userId" = "LessonSummary"."userId" AND s."lessonId" = "LessonSummary"."lessonId" AND s."verdict" <> 'PASS'),
    "exerciseVerdict" = COALESCE(
        (SELECT 'PASS' FROM "ExerciseSubmission" s WHERE s."userId" = "LessonSummary"."userId" AND s."lessonId" = "LessonSummary"."lessonId" AND s."verdict" = 'PASS' LIMIT 1),
        (SELECT s."verdict" FROM "ExerciseSubmission" s WHERE s."userId" = "LessonSummary"."userId" AND s."lessonId" = "LessonSummary"."lessonId" ORDER BY s."createdAt" DESC, s."id" DESC LIMIT 1)),
    "exerciseLastAt" = (SELECT MAX(s."createdAt") FROM "ExerciseSubmission" s WHERE s."userId" = "LessonSummary"."userId" AND s."lessonId" = "LessonSummary"."lessonId");

INSERT INTO "ActivityDay" ("userId", "day", "trackId", "events")
SELECT "userId", "day", "trackId", COUNT(*) FROM (
    SELECT "userId", to_char("createdAt", 'YYYY-MM-DD') AS "day", "trackId" FROM "QuizAttempt"
    UNION ALL SELECT "userId", to_char("createdAt", 'YYYY-MM-DD') AS "day", "trackId" FROM "ExerciseSubmission"
) AS "events" GROUP BY "userId", "day", "trackId";
