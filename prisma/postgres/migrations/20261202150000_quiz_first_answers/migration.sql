-- CreateTable
CREATE TABLE "QuizFirstAnswer" (
    "userId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,

    CONSTRAINT "QuizFirstAnswer_pkey" PRIMARY KEY ("userId","lessonId","questionId")
);

-- CreateIndex
CREATE INDEX "QuizFirstAnswer_userId_lessonId_questionId_correct_idx" ON "QuizFirstAnswer"("userId", "lessonId", "questionId", "correct");

-- AddForeignKey
ALTER TABLE "QuizFirstAnswer" ADD CONSTRAINT "QuizFirstAnswer_userId_lessonId_fkey" FOREIGN KEY ("userId", "lessonId") REFERENCES "LessonSummary"("userId", "lessonId") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill from the first attempt's results kept on the summary row, before that column goes: the
-- entries lib/records.ts decodeQuizResults() accepts (an object with a string questionId and a boolean
-- correct); anything else in the JSON is skipped, as the dashboard skipped it. A question listed twice
-- counts once. The column was only ever written with JSON.stringify, so the cast to jsonb cannot fail.
INSERT INTO "QuizFirstAnswer" ("userId", "lessonId", "questionId", "correct")
SELECT s."userId", s."lessonId", q.value->>'questionId', q.value->'correct' = 'true'::jsonb
FROM "LessonSummary" s
    CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(s."quizFirstResults"::jsonb) = 'array' THEN s."quizFirstResults"::jsonb ELSE '[]'::jsonb END) AS q(value)
WHERE s."quizFirstResults" IS NOT NULL
    AND jsonb_typeof(q.value) = 'object' AND jsonb_typeof(q.value->'questionId') = 'string' AND jsonb_typeof(q.value->'correct') = 'boolean'
ON CONFLICT DO NOTHING;

-- AlterTable
ALTER TABLE "LessonSummary" DROP COLUMN "quizFirstResults";
