-- Per-cohort first-attempt tallies kept by triggers (docs/decisions/0024-cohort-question-tallies.md).

-- CreateTable
CREATE TABLE "CohortQuestionTally" (
    "cohortId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "answered" INTEGER NOT NULL,
    "missed" INTEGER NOT NULL,

    CONSTRAINT "CohortQuestionTally_pkey" PRIMARY KEY ("cohortId","lessonId","questionId")
);

-- AddForeignKey
ALTER TABLE "CohortQuestionTally" ADD CONSTRAINT "CohortQuestionTally_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: every member's first answers, per cohort.
INSERT INTO "CohortQuestionTally" ("cohortId", "lessonId", "questionId", "answered", "missed")
SELECT e."cohortId", a."lessonId", a."questionId", COUNT(*), SUM(CASE WHEN a."correct" THEN 0 ELSE 1 END)
FROM "QuizFirstAnswer" a JOIN "Enrollment" e ON e."userId" = a."userId"
GROUP BY e."cohortId", a."lessonId", a."questionId";

-- Adds (sign 1) or takes back (sign -1) one learner's first answers in the cohorts given. Each trigger
-- first takes a per-learner transaction lock: a learner joining a cohort while their first attempt is
-- stored would otherwise have each transaction miss the other's uncommitted row, and the answers would
-- never be counted in that cohort. After the lock, the next statement sees what the other committed.
CREATE FUNCTION crossroads_tally_lock(learner TEXT) RETURNS void AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(724002, hashtext(learner));
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION crossroads_tally_first_answer() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM crossroads_tally_lock(OLD."userId");
        UPDATE "CohortQuestionTally" t
        SET "answered" = t."answered" - 1, "missed" = t."missed" - CASE WHEN OLD."correct" THEN 0 ELSE 1 END
        WHERE t."lessonId" = OLD."lessonId" AND t."questionId" = OLD."questionId"
            AND t."cohortId" IN (SELECT e."cohortId" FROM "Enrollment" e WHERE e."userId" = OLD."userId");
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM crossroads_tally_lock(NEW."userId");
        INSERT INTO "CohortQuestionTally" AS t ("cohortId", "lessonId", "questionId", "answered", "missed")
        SELECT e."cohortId", NEW."lessonId", NEW."questionId", 1, CASE WHEN NEW."correct" THEN 0 ELSE 1 END
        FROM "Enrollment" e WHERE e."userId" = NEW."userId"
        ON CONFLICT ("cohortId", "lessonId", "questionId") DO UPDATE
            SET "answered" = t."answered" + EXCLUDED."answered", "missed" = t."missed" + EXCLUDED."missed";
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION crossroads_tally_enrollment() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM crossroads_tally_lock(NEW."userId");
        INSERT INTO "CohortQuestionTally" AS t ("cohortId", "lessonId", "questionId", "answered", "missed")
        SELECT NEW."cohortId", a."lessonId", a."questionId", 1, CASE WHEN a."correct" THEN 0 ELSE 1 END
        FROM "QuizFirstAnswer" a WHERE a."userId" = NEW."userId"
        ON CONFLICT ("cohortId", "lessonId", "questionId") DO UPDATE
            SET "answered" = t."answered" + EXCLUDED."answered", "missed" = t."missed" + EXCLUDED."missed";
    ELSE
        PERFORM crossroads_tally_lock(OLD."userId");
        UPDATE "CohortQuestionTally" t
        SET "answered" = t."answered" - 1, "missed" = t."missed" - CASE WHEN a."correct" THEN 0 ELSE 1 END
        FROM "QuizFirstAnswer" a
        WHERE t."cohortId" = OLD."cohortId" AND a."userId" = OLD."userId"
            AND a."lessonId" = t."lessonId" AND a."questionId" = t."questionId";
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "QuizFirstAnswer_tally" AFTER INSERT OR UPDATE OR DELETE ON "QuizFirstAnswer"
    FOR EACH ROW EXECUTE FUNCTION crossroads_tally_first_answer();
CREATE TRIGGER "Enrollment_tally" AFTER INSERT OR DELETE ON "Enrollment"
    FOR EACH ROW EXECUTE FUNCTION crossroads_tally_enrollment();
