-- Per learner and track: lessons completed and the latest activity, kept by triggers, and an index of
-- the summary rows with repeated failures (docs/decisions/0027-learner-track-totals.md).

-- The counter tables are WITHOUT ROWID: stored in primary-key order, a learner's rows sit together and a
-- lookup is one seek instead of an index seek and a row fetch (the 10,000-learner dashboard's totals
-- took 237 ms as a rowid table, 74 ms like this).
CREATE TABLE "LearnerTrackTotal" (
    "userId" TEXT NOT NULL,
    "trackId" TEXT NOT NULL,
    "completed" INTEGER NOT NULL,
    "lastAt" DATETIME,

    PRIMARY KEY ("userId", "trackId")
) WITHOUT ROWID;

-- The at-risk list's rows: the threshold is REPEATED_FAILURES (lib/instructor/cohort-progress.ts), and the
-- query repeats this WHERE word for word so SQLite can use the index.
CREATE INDEX "LessonSummary_repeated_failures_idx" ON "LessonSummary"("userId") WHERE "quizFailures" >= 3 OR "exerciseFailures" >= 3;

-- Backfill. Timestamps are ISO text here, so the latest is the greatest string; SQLite's MAX(a, b, c)
-- is NULL when any argument is, hence the COALESCE to '' and back.
INSERT INTO "LearnerTrackTotal" ("userId", "trackId", "completed", "lastAt")
SELECT s."userId", s."trackId", COUNT(s."completedAt"),
    NULLIF(MAX(MAX(COALESCE(s."completedAt", ''), COALESCE(s."quizLastAt", ''), COALESCE(s."exerciseLastAt", ''))), '')
FROM "LessonSummary" s GROUP BY s."userId", s."trackId";

-- Each trigger recounts the one learner and track a summary row belongs to (a few dozen rows through the
-- primary key). The row is deleted and inserted again rather than upserted: when the learner is deleted,
-- the cascade removes their summary rows and the GROUP BY then yields no row, so nothing refers to them.
CREATE TRIGGER "LessonSummary_totals_insert" AFTER INSERT ON "LessonSummary"
BEGIN
    DELETE FROM "LearnerTrackTotal" WHERE "userId" = NEW."userId" AND "trackId" = NEW."trackId";
    INSERT INTO "LearnerTrackTotal" ("userId", "trackId", "completed", "lastAt")
    SELECT s."userId", s."trackId", COUNT(s."completedAt"),
        NULLIF(MAX(MAX(COALESCE(s."completedAt", ''), COALESCE(s."quizLastAt", ''), COALESCE(s."exerciseLastAt", ''))), '')
    FROM "LessonSummary" s WHERE s."userId" = NEW."userId" AND s."trackId" = NEW."trackId" GROUP BY s."userId", s."trackId";
END;

CREATE TRIGGER "LessonSummary_totals_update" AFTER UPDATE ON "LessonSummary"
BEGIN
    DELETE FROM "LearnerTrackTotal" WHERE ("userId" = OLD."userId" AND "trackId" = OLD."trackId") OR ("userId" = NEW."userId" AND "trackId" = NEW."trackId");
    INSERT INTO "LearnerTrackTotal" ("userId", "trackId", "completed", "lastAt")
    SELECT s."userId", s."trackId", COUNT(s."completedAt"),
        NULLIF(MAX(MAX(COALESCE(s."completedAt", ''), COALESCE(s."quizLastAt", ''), COALESCE(s."exerciseLastAt", ''))), '')
    FROM "LessonSummary" s
    WHERE (s."userId" = OLD."userId" AND s."trackId" = OLD."trackId") OR (s."userId" = NEW."userId" AND s."trackId" = NEW."trackId")
    GROUP BY s."userId", s."trackId";
END;

CREATE TRIGGER "LessonSummary_totals_delete" AFTER DELETE ON "LessonSummary"
BEGIN
    DELETE FROM "LearnerTrackTotal" WHERE "userId" = OLD."userId" AND "trackId" = OLD."trackId";
    INSERT INTO "LearnerTrackTotal" ("userId", "trackId", "completed", "lastAt")
    SELECT s."userId", s."trackId", COUNT(s."completedAt"),
        NULLIF(MAX(MAX(COALESCE(s."completedAt", ''), COALESCE(s."quizLastAt", ''), COALESCE(s."exerciseLastAt", ''))), '')
    FROM "LessonSummary" s WHERE s."userId" = OLD."userId" AND s."trackId" = OLD."trackId" GROUP BY s."userId", s."trackId";
END;

-- The activity chart's counters (same ADR). An event is a quiz attempt or submission (ActivityDay's
-- events), a lesson completion (LessonSummary."completedAt"), a project milestone or a chooser result. Each
-- counts in four buckets: its day and its week (Monday first, UTC), each for its track and for all tracks
-- ("trackId" ''); milestones and chooser results have no track and count for all tracks only.
-- LearnerActivity: one learner's events per bucket (a row per bucket with events, none at zero).
-- CohortActivity: per cohort and bucket, the members' events and how many members have a LearnerActivity row.
CREATE TABLE "LearnerActivity" (
    "userId" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "start" TEXT NOT NULL,
    "trackId" TEXT NOT NULL,
    "events" INTEGER NOT NULL,

    PRIMARY KEY ("userId", "unit", "start", "trackId")
) WITHOUT ROWID;

CREATE TABLE "CohortActivity" (
    "cohortId" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "start" TEXT NOT NULL,
    "trackId" TEXT NOT NULL,
    "events" INTEGER NOT NULL,
    "learners" INTEGER NOT NULL,

    PRIMARY KEY ("cohortId", "unit", "start", "trackId"),
    CONSTRAINT "CohortActivity_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;

-- Backfill: every event of every learner, in its buckets, then each cohort's sums over its members.
INSERT INTO "LearnerActivity" ("userId", "unit", "start", "trackId", "events")
SELECT ev."userId", b."unit", CASE b."unit" WHEN 'day' THEN ev."day" ELSE date(ev."day", '-' || ((CAST(strftime('%w', ev."day") AS INTEGER) + 6) % 7) || ' days') END,
    CASE b."all" WHEN 1 THEN '' ELSE ev."trackId" END, SUM(ev."events")
FROM (
    SELECT a."userId" AS "userId", a."day" AS "day", a."trackId" AS "trackId", a."events" AS "events" FROM "ActivityDay" a
    UNION ALL SELECT s."userId", substr(s."completedAt", 1, 10), s."trackId", 1 FROM "LessonSummary" s WHERE s."completedAt" IS NOT NULL
    UNION ALL SELECT m."userId", substr(m."doneAt", 1, 10), NULL, 1 FROM "ProjectMilestone" m
    UNION ALL SELECT r."userId", substr(r."createdAt", 1, 10), NULL, 1 FROM "ChooserResult" r
) ev, (SELECT 'day' AS "unit", 0 AS "all" UNION ALL SELECT 'day', 1 UNION ALL SELECT 'week', 0 UNION ALL SELECT 'week', 1) b
WHERE b."all" = 1 OR ev."trackId" IS NOT NULL
GROUP BY 1, 2, 3, 4;

INSERT INTO "CohortActivity" ("cohortId", "unit", "start", "trackId", "events", "learners")
SELECT e."cohortId", l."unit", l."start", l."trackId", SUM(l."events"), COUNT(*)
FROM "LearnerActivity" l JOIN "Enrollment" e ON e."userId" = l."userId"
GROUP BY 1, 2, 3, 4;

-- A change of `delta` events for a learner on a day in a track (NULL: none), written as an INSERT into
-- this view, whose INSTEAD OF trigger is the procedure SQLite does not have. It first moves the learner's
-- cohorts (a bucket gains a learner when the learner's count leaves zero, loses one when it returns to it),
-- then the learner's own counts. (SQLite needs the WHERE before an upsert's ON CONFLICT in INSERT ... SELECT.)
CREATE VIEW "ActivityDelta" AS SELECT NULL AS "userId", NULL AS "day", NULL AS "trackId", NULL AS "delta" WHERE 0;

CREATE TRIGGER "ActivityDelta_apply" INSTEAD OF INSERT ON "ActivityDelta"
BEGIN
    INSERT INTO "CohortActivity" ("cohortId", "unit", "start", "trackId", "events", "learners")
    SELECT e."cohortId", b."unit", b."start", b."trackId", NEW."delta",
        (COALESCE(l."events", 0) + NEW."delta" > 0) - (COALESCE(l."events", 0) > 0)
    FROM (
        SELECT 'day' AS "unit", NEW."day" AS "start", NEW."trackId" AS "trackId"
        UNION ALL SELECT 'day', NEW."day", ''
        UNION ALL SELECT 'week', date(NEW."day", '-' || ((CAST(strftime('%w', NEW."day") AS INTEGER) + 6) % 7) || ' days'), NEW."trackId"
        UNION ALL SELECT 'week', date(NEW."day", '-' || ((CAST(strftime('%w', NEW."day") AS INTEGER) + 6) % 7) || ' days'), ''
    ) b
    JOIN "Enrollment" e ON e."userId" = NEW."userId"
    LEFT JOIN "LearnerActivity" l ON l."userId" = NEW."userId" AND l."unit" = b."unit" AND l."start" = b."start" AND l."trackId" = b."trackId"
    WHERE b."trackId" IS NOT NULL
    ON CONFLICT ("cohortId", "unit", "start", "trackId") DO UPDATE
        SET "events" = "events" + excluded."events", "learners" = "learners" + excluded."learners";

    INSERT INTO "LearnerActivity" ("userId", "unit", "start", "trackId", "events")
    SELECT NEW."userId", b."unit", b."start", b."trackId", NEW."delta"
    FROM (
        SELECT 'day' AS "unit", NEW."day" AS "start", NEW."trackId" AS "trackId"
        UNION ALL SELECT 'day', NEW."day", ''
        UNION ALL SELECT 'week', date(NEW."day", '-' || ((CAST(strftime('%w', NEW."day") AS INTEGER) + 6) % 7) || ' days'), NEW."trackId"
        UNION ALL SELECT 'week', date(NEW."day", '-' || ((CAST(strftime('%w', NEW."day") AS INTEGER) + 6) % 7) || ' days'), ''
    ) b
    WHERE b."trackId" IS NOT NULL
    ON CONFLICT ("userId", "unit", "start", "trackId") DO UPDATE SET "events" = "events" + excluded."events";

    DELETE FROM "LearnerActivity"
    WHERE "userId" = NEW."userId" AND "events" = 0
        AND (("unit" = 'day' AND "start" = NEW."day")
            OR ("unit" = 'week' AND "start" = date(NEW."day", '-' || ((CAST(strftime('%w', NEW."day") AS INTEGER) + 6) % 7) || ' days')));
END;

-- The sources of events.
CREATE TRIGGER "ActivityDay_activity_insert" AFTER INSERT ON "ActivityDay"
BEGIN
    INSERT INTO "ActivityDelta" VALUES (NEW."userId", NEW."day", NEW."trackId", NEW."events");
END;

CREATE TRIGGER "ActivityDay_activity_update" AFTER UPDATE ON "ActivityDay"
BEGIN
    INSERT INTO "ActivityDelta" VALUES (OLD."userId", OLD."day", OLD."trackId", -OLD."events");
    INSERT INTO "ActivityDelta" VALUES (NEW."userId", NEW."day", NEW."trackId", NEW."events");
END;

CREATE TRIGGER "ActivityDay_activity_delete" AFTER DELETE ON "ActivityDay"
BEGIN
    INSERT INTO "ActivityDelta" VALUES (OLD."userId", OLD."day", OLD."trackId", -OLD."events");
END;

CREATE TRIGGER "LessonSummary_activity_insert" AFTER INSERT ON "LessonSummary" WHEN NEW."completedAt" IS NOT NULL
BEGIN
    INSERT INTO "ActivityDelta" VALUES (NEW."userId", substr(NEW."completedAt", 1, 10), NEW."trackId", 1);
END;

CREATE TRIGGER "LessonSummary_activity_update" AFTER UPDATE ON "LessonSummary"
    WHEN OLD."completedAt" IS NOT NEW."completedAt" OR OLD."userId" IS NOT NEW."userId" OR OLD."trackId" IS NOT NEW."trackId"
BEGIN
    INSERT INTO "ActivityDelta" SELECT OLD."userId", substr(OLD."completedAt", 1, 10), OLD."trackId", -1 WHERE OLD."completedAt" IS NOT NULL;
    INSERT INTO "ActivityDelta" SELECT NEW."userId", substr(NEW."completedAt", 1, 10), NEW."trackId", 1 WHERE NEW."completedAt" IS NOT NULL;
END;

CREATE TRIGGER "LessonSummary_activity_delete" AFTER DELETE ON "LessonSummary" WHEN OLD."completedAt" IS NOT NULL
BEGIN
    INSERT INTO "ActivityDelta" VALUES (OLD."userId", substr(OLD."completedAt", 1, 10), OLD."trackId", -1);
END;

CREATE TRIGGER "ProjectMilestone_activity_insert" AFTER INSERT ON "ProjectMilestone"
BEGIN
    INSERT INTO "ActivityDelta" VALUES (NEW."userId", substr(NEW."doneAt", 1, 10), NULL, 1);
END;

CREATE TRIGGER "ProjectMilestone_activity_update" AFTER UPDATE ON "ProjectMilestone"
    WHEN OLD."doneAt" IS NOT NEW."doneAt" OR OLD."userId" IS NOT NEW."userId"
BEGIN
    INSERT INTO "ActivityDelta" VALUES (OLD."userId", substr(OLD."doneAt", 1, 10), NULL, -1);
    INSERT INTO "ActivityDelta" VALUES (NEW."userId", substr(NEW."doneAt", 1, 10), NULL, 1);
END;

CREATE TRIGGER "ProjectMilestone_activity_delete" AFTER DELETE ON "ProjectMilestone"
BEGIN
    INSERT INTO "ActivityDelta" VALUES (OLD."userId", substr(OLD."doneAt", 1, 10), NULL, -1);
END;

CREATE TRIGGER "ChooserResult_activity_insert" AFTER INSERT ON "ChooserResult"
BEGIN
    INSERT INTO "ActivityDelta" VALUES (NEW."userId", substr(NEW."createdAt", 1, 10), NULL, 1);
END;

CREATE TRIGGER "ChooserResult_activity_update" AFTER UPDATE ON "ChooserResult"
    WHEN OLD."createdAt" IS NOT NEW."createdAt" OR OLD."userId" IS NOT NEW."userId"
BEGIN
    INSERT INTO "ActivityDelta" VALUES (OLD."userId", substr(OLD."createdAt", 1, 10), NULL, -1);
    INSERT INTO "ActivityDelta" VALUES (NEW."userId", substr(NEW."createdAt", 1, 10), NULL, 1);
END;

CREATE TRIGGER "ChooserResult_activity_delete" AFTER DELETE ON "ChooserResult"
BEGIN
    INSERT INTO "ActivityDelta" VALUES (OLD."userId", substr(OLD."createdAt", 1, 10), NULL, -1);
END;

-- A learner joins: their buckets count in the cohort. A learner leaves: they no longer do.
CREATE TRIGGER "Enrollment_activity_insert" AFTER INSERT ON "Enrollment"
BEGIN
    INSERT INTO "CohortActivity" ("cohortId", "unit", "start", "trackId", "events", "learners")
    SELECT NEW."cohortId", l."unit", l."start", l."trackId", l."events", 1 FROM "LearnerActivity" l WHERE l."userId" = NEW."userId"
    ON CONFLICT ("cohortId", "unit", "start", "trackId") DO UPDATE
        SET "events" = "events" + excluded."events", "learners" = "learners" + excluded."learners";
END;

CREATE TRIGGER "Enrollment_activity_delete" AFTER DELETE ON "Enrollment"
BEGIN
    UPDATE "CohortActivity"
    SET "events" = "events" - (
            SELECT l."events" FROM "LearnerActivity" l
            WHERE l."userId" = OLD."userId" AND l."unit" = "CohortActivity"."unit" AND l."start" = "CohortActivity"."start" AND l."trackId" = "CohortActivity"."trackId"),
        "learners" = "learners" - 1
    WHERE "cohortId" = OLD."cohortId"
        AND EXISTS (
            SELECT 1 FROM "LearnerActivity" l
            WHERE l."userId" = OLD."userId" AND l."unit" = "CohortActivity"."unit" AND l."start" = "CohortActivity"."start" AND l."trackId" = "CohortActivity"."trackId");
END;
