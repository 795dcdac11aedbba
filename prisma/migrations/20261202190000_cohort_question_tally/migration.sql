-- Per-cohort first-attempt tallies kept by triggers (docs/decisions/0024-cohort-question-tallies.md).

-- CreateTable
CREATE TABLE "CohortQuestionTally" (
    "cohortId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "answered" INTEGER NOT NULL,
    "missed" INTEGER NOT NULL,

    PRIMARY KEY ("cohortId", "lessonId", "questionId"),
    CONSTRAINT "CohortQuestionTally_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Backfill: every member's first answers, per cohort.
INSERT INTO "CohortQuestionTally" ("cohortId", "lessonId", "questionId", "answered", "missed")
SELECT e."cohortId", a."lessonId", a."questionId", COUNT(*), SUM(CASE WHEN a."correct" THEN 0 ELSE 1 END)
FROM "QuizFirstAnswer" a JOIN "Enrollment" e ON e."userId" = a."userId"
GROUP BY e."cohortId", a."lessonId", a."questionId";

-- A first answer stored: counted in every cohort of its learner. (SQLite needs the WHERE before an
-- upsert's ON CONFLICT in INSERT ... SELECT.)
CREATE TRIGGER "QuizFirstAnswer_tally_insert" AFTER INSERT ON "QuizFirstAnswer"
BEGIN
    INSERT INTO "CohortQuestionTally" ("cohortId", "lessonId", "questionId", "answered", "missed")
    SELECT e."cohortId", NEW."lessonId", NEW."questionId", 1, CASE WHEN NEW."correct" THEN 0 ELSE 1 END
    FROM "Enrollment" e WHERE e."userId" = NEW."userId"
    ON CONFLICT ("cohortId", "lessonId", "questionId") DO UPDATE
        SET "answered" = "answered" + excluded."answered", "missed" = "missed" + excluded."missed";
END;

-- A first answer removed (replaced by an earlier attempt, or its learner deleted): taken back out.
CREATE TRIGGER "QuizFirstAnswer_tally_delete" AFTER DELETE ON "QuizFirstAnswer"
BEGIN
    UPDATE "CohortQuestionTally"
    SET "answered" = "answered" - 1, "missed" = "missed" - CASE WHEN OLD."correct" THEN 0 ELSE 1 END
    WHERE "lessonId" = OLD."lessonId" AND "questionId" = OLD."questionId"
        AND "cohortId" IN (SELECT e."cohortId" FROM "Enrollment" e WHERE e."userId" = OLD."userId");
END;

-- Rows are inserted and deleted, never updated; should one be, it moves as a delete and an insert.
CREATE TRIGGER "QuizFirstAnswer_tally_update" AFTER UPDATE ON "QuizFirstAnswer"
BEGIN
    UPDATE "CohortQuestionTally"
    SET "answered" = "answered" - 1, "missed" = "missed" - CASE WHEN OLD."correct" THEN 0 ELSE 1 END
    WHERE "lessonId" = OLD."lessonId" AND "questionId" = OLD."questionId"
        AND "cohortId" IN (SELECT e."cohortId" FROM "Enrollment" e WHERE e."userId" = OLD."userId");
    INSERT INTO "CohortQuestionTally" ("cohortId", "lessonId", "questionId", "answered", "missed")
    SELECT e."cohortId", NEW."lessonId", NEW."questionId", 1, CASE WHEN NEW."correct" THEN 0 ELSE 1 END
    FROM "Enrollment" e WHERE e."userId" = NEW."userId"
    ON CONFLICT ("cohortId", "lessonId", "questionId") DO UPDATE
        SET "answered" = "answered" + excluded."answered", "missed" = "missed" + excluded."missed";
END;

-- A learner joins: their first answers so far count in the cohort.
CREATE TRIGGER "Enrollment_tally_insert" AFTER INSERT ON "Enrollment"
BEGIN
    INSERT INTO "CohortQuestionTally" ("cohortId", "lessonId", "questionId", "answered", "missed")
    SELECT NEW."cohortId", a."lessonId", a."questionId", 1, CASE WHEN a."correct" THEN 0 ELSE 1 END
    FROM "QuizFirstAnswer" a WHERE a."userId" = NEW."userId"
    ON CONFLICT ("cohortId", "lessonId", "questionId") DO UPDATE
        SET "answered" = "answered" + excluded."answered", "missed" = "missed" + excluded."missed";
END;

-- A learner leaves (removed, or deleted with their account or the cohort): their first answers no longer count.
CREATE TRIGGER "Enrollment_tally_delete" AFTER DELETE ON "Enrollment"
BEGIN
    UPDATE "CohortQuestionTally"
    SET "answered" = "answered" - 1,
        "missed" = "missed" - (
            SELECT CASE WHEN a."correct" THEN 0 ELSE 1 END FROM "QuizFirstAnswer" a
            WHERE a."userId" = OLD."userId" AND a."lessonId" = "CohortQuestionTally"."lessonId" AND a."questionId" = "CohortQuestionTally"."questionId")
    WHERE "cohortId" = OLD."cohortId"
        AND EXISTS (
            SELECT 1 FROM "QuizFirstAnswer" a
            WHERE a."userId" = OLD."userId" AND a."lessonId" = "CohortQuestionTally"."lessonId" AND a."questionId" = "CohortQuestionTally"."questionId");
END;
