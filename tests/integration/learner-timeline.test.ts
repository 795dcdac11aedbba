import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decodeTimelineCursor, getLearnerTimeline, TIMELINE_PAGE_SIZE } from "@/lib/instructor/learner";
import { makeUser } from "@/tests/setup/factories";

// Review #14: the instructor's view of one learner loads a page at a time, however long the record is.
describe("the learner timeline is paginated", () => {
  it("pages through every item once, newest first, including items that share a timestamp", async () => {
    const owner = await makeUser("INSTRUCTOR");
    const learner = await makeUser();
    const cohort = await db.cohort.create({ data: { name: "Paged", inviteCode: `PAGED-${learner.id}`, ownerId: owner.id } });
    await db.enrollment.create({ data: { cohortId: cohort.id, userId: learner.id } });

    // 130 items over five sources; every three share a millisecond, so page edges fall inside ties.
    const base = Date.UTC(2026, 10, 1);
    const at = (i: number) => new Date(base + Math.floor(i / 3) * 1000);
    const result = JSON.stringify({ status: "fail", message: "", checks: [] });
    for (let i = 0; i < 130; i++) {
      const userId = learner.id;
      switch (i % 5) {
        case 0:
          await db.lessonProgress.create({ data: { userId, trackId: "flask", lessonId: `lesson-${i}`, completedAt: at(i) } });
          break;
        case 1:
          await db.exerciseSubmission.create({
            data: {
              userId,
              trackId: "flask",
              lessonId: "flask-first-app",
              exerciseId: "flask-first-app",
              submitKey: `key-${i}`,
              code: `print(${i})`,
              verdict: "FAIL",
              engine: "server",
              result,
              passedCount: 0,
              checkCount: 1,
              createdAt: at(i),
            },
          });
          break;
        case 2:
          await db.chooserResult.create({
            data: {
              userId,
              resultKey: `r-${i}`,
              recommendation: i === 2 ? "django" : "flask",
              answers: "{}",
              result: "{}",
              createdAt: at(i),
            },
          });
          break;
        case 3:
          await db.projectMilestone.create({ data: { userId, projectId: "p", milestoneId: `m-${i}`, doneAt: at(i) } });
          break;
        default:
          await db.projectProgress.create({ data: { userId, trackId: "flask", projectId: `project-${i}`, startedAt: at(i) } });
      }
    }

    const seen: string[] = [];
    const times: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await getLearnerTimeline(owner, cohort.id, learner.id, decodeTimelineCursor(cursor ?? undefined));
      pages++;
      expect(page.items.length).toBeLessThanOrEqual(TIMELINE_PAGE_SIZE);
      // The latest chooser result is the newest one whatever page is shown.
      expect(page.latestChoice?.recommendation).toBe("flask");
      seen.push(...page.items.map((item) => item.id));
      times.push(...page.items.map((item) => item.at.getTime()));
      cursor = page.nextCursor;
    } while (cursor && pages < 10);

    expect(pages).toBe(Math.ceil(130 / TIMELINE_PAGE_SIZE));
    expect(new Set(seen).size).toBe(130);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("a cursor that is not one starts from the newest page", () => {
    for (const text of [undefined, "", "abc", "1-", "-abc", "12-a_b", "1".repeat(16) + "-a"]) expect(decodeTimelineCursor(text)).toBeNull();
    expect(decodeTimelineCursor("1764547200000-ck123")).toEqual({ at: new Date(1764547200000), id: "ck123" });
  });
});
