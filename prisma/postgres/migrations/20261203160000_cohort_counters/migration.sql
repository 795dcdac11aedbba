-- Per learner and track: lessons completed and the latest activity, kept by triggers, and an index of
-- the summary rows with repeated failures (docs/decisions/0027-learner-track-totals.md).

-- CreateTable
CREATE TABLE "LearnerTrackTotal" (
    "userId" TEXT NOT NULL,
    "trackId" TEXT NOT NULL,
    "completed" INTEGER NOT NULL,
    "lastAt" TIMESTAMP(3),

    CONSTRAINT "LearnerTrackTotal_pkey" PRIMARY KEY ("userId","trackId")
);

-- The at-risk list's rows: the threshold is REPEATED_FAILURES (lib/instructor/cohort-progress.ts).
CREATE INDEX "LessonSummary_repeated_failures_idx" ON "LessonSummary"("userId") WHERE "quizFailures" >= 3 OR "exerciseFailures" >= 3;

-- Backfill. GREATEST ignores NULLs.
INSERT INTO "LearnerTrackTotal" ("userId", "trackId", "completed", "lastAt")
SELECT s."userId", s."trackId", COUNT(s."completedAt"), MAX(GREATEST(s."completedAt", s."quizLastAt", s."exerciseLastAt"))
FROM "LessonSummary" s GROUP BY s."userId", s."trackId";

-- Recounts one learner and track from their summary rows (a few dozen, through the primary key). It
-- first takes the learner's lock of the question tallies (crossroads_tally_lock, the same key, so the two
-- never wait on each other in opposite orders): two transactions writing different lessons of one learner
-- would otherwise each recount without the other's uncommitted row, and the last to commit would win.
-- The row is deleted and inserted again: when the learner is deleted, the GROUP BY yields no row.
CREATE FUNCTION crossroads_recount_track_total(learner TEXT, track TEXT) RETURNS void AS $$
BEGIN
    PERFORM crossroads_tally_lock(learner);
    DELETE FROM "LearnerTrackTotal" WHERE "userId" = learner AND "trackId" = track;
    INSERT INTO "LearnerTrackTotal" ("userId", "trackId", "completed", "lastAt")
    SELECT s."userId", s."trackId", COUNT(s."completedAt"), MAX(GREATEST(s."completedAt", s."quizLastAt", s."exerciseLastAt"))
    FROM "LessonSummary" s WHERE s."userId" = learner AND s."trackId" = track GROUP BY s."userId", s."trackId";
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION crossroads_track_total_summary() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM crossroads_recount_track_total(OLD."userId", OLD."trackId");
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (NEW."userId", NEW."trackId") IS DISTINCT FROM (OLD."userId", OLD."trackId")) THEN
        PERFORM crossroads_recount_track_total(NEW."userId", NEW."trackId");
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "LessonSummary_totals" AFTER INSERT OR UPDATE OR DELETE ON "LessonSummary"
    FOR EACH ROW EXECUTE FUNCTION crossroads_track_total_summary();

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

    CONSTRAINT "LearnerActivity_pkey" PRIMARY KEY ("userId","unit","start","trackId")
);

CREATE TABLE "CohortActivity" (
    "cohortId" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "start" TEXT NOT NULL,
    "trackId" TEXT NOT NULL,
    "events" INTEGER NOT NULL,
    "learners" INTEGER NOT NULL,

    CONSTRAINT "CohortActivity_pkey" PRIMARY KEY ("cohortId","unit","start","trackId")
);

ALTER TABLE "CohortActivity" ADD CONSTRAINT "CohortActivity_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The Monday (YYYY-MM-DD) of a day's week, in date arithmetic only (date_trunc would go through timestamptz
-- and the session's time zone, which an IMMUTABLE function must not depend on).
CREATE FUNCTION crossroads_week_of(p_day TEXT) RETURNS TEXT AS $$
    SELECT to_char(p_day::date - (extract(isodow FROM p_day::date)::int - 1), 'YYYY-MM-DD');
$$ LANGUAGE sql IMMUTABLE;

-- Backfill: every event of every learner, in its buckets, then each cohort's sums over its members.
INSERT INTO "LearnerActivity" ("userId", "unit", "start", "trackId", "events")
SELECT ev."userId", b."unit", CASE b."unit" WHEN 'day' THEN ev."day" ELSE crossroads_week_of(ev."day") END,
    CASE WHEN b."all" THEN '' ELSE ev."trackId" END, SUM(ev."events")
FROM (
    SELECT a."userId" AS "userId", a."day" AS "day", a."trackId" AS "trackId", a."events" AS "events" FROM "ActivityDay" a
    UNION ALL SELECT s."userId", to_char(s."completedAt", 'YYYY-MM-DD'), s."trackId", 1 FROM "LessonSummary" s WHERE s."completedAt" IS NOT NULL
    UNION ALL SELECT m."userId", to_char(m."doneAt", 'YYYY-MM-DD'), NULL, 1 FROM "ProjectMilestone" m
    UNION ALL SELECT r."userId", to_char(r."createdAt", 'YYYY-MM-DD'), NULL, 1 FROM "ChooserResult" r
) ev, (VALUES ('day', false), ('day', true), ('week', false), ('week', true)) AS b("unit", "all")
WHERE b."all" OR ev."trackId" IS NOT NULL
GROUP BY 1, 2, 3, 4;

INSERT INTO "CohortActivity" ("cohortId", "unit", "start", "trackId", "events", "learners")
SELECT e."cohortId", l."unit", l."start", l."trackId", SUM(l."events"), COUNT(*)
FROM "LearnerActivity" l JOIN "Enrollment" e ON e."userId" = l."userId"
GROUP BY 1, 2, 3, 4;

-- A change of p_delta events for a learner on a day in a track (NULL: none): first the learner's cohorts
-- (a bucket gains a learner when the learner's count leaves zero, loses one when it returns to it), then
-- the learner's own counts. Under the learner's lock, like the tallies (crossroads_tally_lock). Members
-- writing at once update the same cohort rows: each statement locks them in key order (ORDER BY), or two
-- transactions could each hold one row the other waits for (measured: "deadlock detected").
CREATE FUNCTION crossroads_activity_delta(p_learner TEXT, p_day TEXT, p_track TEXT, p_delta INTEGER) RETURNS void AS $$
BEGIN
    PERFORM crossroads_tally_lock(p_learner);
    INSERT INTO "CohortActivity" AS c ("cohortId", "unit", "start", "trackId", "events", "learners")
    SELECT e."cohortId", b."unit", b."start", b."trackId", p_delta,
        (CASE WHEN COALESCE(l."events", 0) + p_delta > 0 THEN 1 ELSE 0 END) - (CASE WHEN COALESCE(l."events", 0) > 0 THEN 1 ELSE 0 END)
    FROM (VALUES ('day', p_day, p_track), ('day', p_day, ''), ('week', crossroads_week_of(p_day), p_track), ('week', crossroads_week_of(p_day), ''))
        AS b("unit", "start", "trackId")
    JOIN "Enrollment" e ON e."userId" = p_learner
    LEFT JOIN "LearnerActivity" l ON l."userId" = p_learner AND l."unit" = b."unit" AND l."start" = b."start" AND l."trackId" = b."trackId"
    WHERE b."trackId" IS NOT NULL
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ("cohortId", "unit", "start", "trackId") DO UPDATE
        SET "events" = c."events" + EXCLUDED."events", "learners" = c."learners" + EXCLUDED."learners";

    INSERT INTO "LearnerActivity" AS l ("userId", "unit", "start", "trackId", "events")
    SELECT p_learner, b."unit", b."start", b."trackId", p_delta
    FROM (VALUES ('day', p_day, p_track), ('day', p_day, ''), ('week', crossroads_week_of(p_day), p_track), ('week', crossroads_week_of(p_day), ''))
        AS b("unit", "start", "trackId")
    WHERE b."trackId" IS NOT NULL
    ON CONFLICT ("userId", "unit", "start", "trackId") DO UPDATE SET "events" = l."events" + EXCLUDED."events";

    DELETE FROM "LearnerActivity"
    WHERE "userId" = p_learner AND "events" = 0
        AND (("unit" = 'day' AND "start" = p_day) OR ("unit" = 'week' AND "start" = crossroads_week_of(p_day)));
END;
$$ LANGUAGE plpgsql;

-- The sources of events: a row's events leave with its old values and come back with its new ones.
CREATE FUNCTION crossroads_activity_event() RETURNS trigger AS $$
DECLARE
    sign INTEGER;
    r jsonb;
BEGIN
    FOREACH sign IN ARRAY CASE TG_OP WHEN 'INSERT' THEN ARRAY[1] WHEN 'DELETE' THEN ARRAY[-1] ELSE ARRAY[-1, 1] END LOOP
        r := CASE WHEN sign = -1 THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
        IF TG_TABLE_NAME = 'ActivityDay' THEN
            PERFORM crossroads_activity_delta(r->>'userId', r->>'day', r->>'trackId', sign * (r->>'events')::int);
        ELSIF TG_TABLE_NAME = 'LessonSummary' THEN
            IF r->>'completedAt' IS NOT NULL THEN
                PERFORM crossroads_activity_delta(r->>'userId', substr(r->>'completedAt', 1, 10), r->>'trackId', sign);
            END IF;
        ELSIF TG_TABLE_NAME = 'ProjectMilestone' THEN
            PERFORM crossroads_activity_delta(r->>'userId', substr(r->>'doneAt', 1, 10), NULL, sign);
        ELSE
            PERFORM crossroads_activity_delta(r->>'userId', substr(r->>'createdAt', 1, 10), NULL, sign);
        END IF;
    END LOOP;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ActivityDay_activity" AFTER INSERT OR UPDATE OR DELETE ON "ActivityDay"
    FOR EACH ROW EXECUTE FUNCTION crossroads_activity_event();
CREATE TRIGGER "LessonSummary_activity_insert_delete" AFTER INSERT OR DELETE ON "LessonSummary"
    FOR EACH ROW EXECUTE FUNCTION crossroads_activity_event();
CREATE TRIGGER "LessonSummary_activity_update" AFTER UPDATE ON "LessonSummary"
    FOR EACH ROW WHEN ((OLD."completedAt", OLD."userId", OLD."trackId") IS DISTINCT FROM (NEW."completedAt", NEW."userId", NEW."trackId"))
    EXECUTE FUNCTION crossroads_activity_event();
CREATE TRIGGER "ProjectMilestone_activity" AFTER INSERT OR UPDATE OR DELETE ON "ProjectMilestone"
    FOR EACH ROW EXECUTE FUNCTION crossroads_activity_event();
CREATE TRIGGER "ChooserResult_activity" AFTER INSERT OR UPDATE OR DELETE ON "ChooserResult"
    FOR EACH ROW EXECUTE FUNCTION crossroads_activity_event();

-- A learner joins: their buckets count in the cohort. A learner leaves: they no longer do.
CREATE FUNCTION crossroads_activity_enrollment() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM crossroads_tally_lock(NEW."userId");
        INSERT INTO "CohortActivity" AS c ("cohortId", "unit", "start", "trackId", "events", "learners")
        SELECT NEW."cohortId", l."unit", l."start", l."trackId", l."events", 1 FROM "LearnerActivity" l WHERE l."userId" = NEW."userId"
        ORDER BY 1, 2, 3, 4
        ON CONFLICT ("cohortId", "unit", "start", "trackId") DO UPDATE
            SET "events" = c."events" + EXCLUDED."events", "learners" = c."learners" + EXCLUDED."learners";
    ELSE
        PERFORM crossroads_tally_lock(OLD."userId");
        -- Rows locked in key order first, as crossroads_activity_delta locks them.
        PERFORM 1 FROM "CohortActivity" c
        WHERE c."cohortId" = OLD."cohortId"
            AND EXISTS (SELECT 1 FROM "LearnerActivity" l WHERE l."userId" = OLD."userId" AND l."unit" = c."unit" AND l."start" = c."start" AND l."trackId" = c."trackId")
        ORDER BY c."unit", c."start", c."trackId" FOR UPDATE;
        UPDATE "CohortActivity" c SET "events" = c."events" - l."events", "learners" = c."learners" - 1
        FROM "LearnerActivity" l
        WHERE c."cohortId" = OLD."cohortId" AND l."userId" = OLD."userId" AND l."unit" = c."unit" AND l."start" = c."start" AND l."trackId" = c."trackId";
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Enrollment_activity" AFTER INSERT OR DELETE ON "Enrollment"
    FOR EACH ROW EXECUTE FUNCTION crossroads_activity_enrollment();
