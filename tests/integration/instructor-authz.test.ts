import path from "node:path";
import { renderToString } from "react-dom/server";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// The course is the tiny fixture one, so these tests do not move when authors edit lessons/.
process.env.CONTENT_DIR = path.join(import.meta.dirname, "../fixtures/content");

// Only the session source is faked: users, roles and cohorts come from the real database.
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string }; sessionVersion: number } }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));
// revalidatePath needs a Next request; outside one it only has to be callable.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { db } = await import("@/lib/db");
const { AuthError } = await import("@/lib/auth/roles");
const { CohortNotFoundError } = await import("@/lib/instructor/access");
const cohorts = await import("@/lib/instructor/cohorts");
const { getCohortDashboard } = await import("@/lib/instructor/dashboard");
const { loadCohortProgress } = await import("@/lib/instructor/cohort-progress");
const { getLearnerTimeline } = await import("@/lib/instructor/learner");
const { buildCohortCsv } = await import("@/lib/instructor/csv");
const { changeUserRole, listUsersForAdmin } = await import("@/lib/admin/roles");
const actions = await import("@/lib/actions/cohorts");
const { joinCohortAction } = await import("@/lib/actions/join");
const { setUserRoleAction } = await import("@/lib/actions/admin");
const exportRoute = await import("@/app/instructor/cohorts/[id]/export/route");
const { default: InstructorPage } = await import("@/app/instructor/page");
const { default: CohortDashboardPage } = await import("@/app/instructor/cohorts/[id]/page");
const { default: LearnerPage } = await import("@/app/instructor/cohorts/[id]/learners/[userId]/page");
const { default: AdminPage } = await import("@/app/admin/page");
const { default: JoinPage } = await import("@/app/join/page");
const { makeUser } = await import("@/tests/setup/factories");

type TestUser = Awaited<ReturnType<typeof makeUser>>;
type Persona = "signed-out" | "learner" | "other instructor";

let owner: TestUser;
let otherInstructor: TestUser;
let learner: TestUser;
let member: TestUser;
let admin: TestUser;
let cohortId: string;
let inviteCode: string;

const SECRET_NAME = "Zebediah Memberson";

function signInAs(user: { id: string; sessionVersion: number } | null) {
  session.current = user ? { user: { id: user.id }, sessionVersion: user.sessionVersion } : null;
}

function personaUser(persona: Persona): TestUser | null {
  return persona === "signed-out" ? null : persona === "learner" ? learner : otherInstructor;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

/** What a call produced or threw, reduced to something comparable. */
async function outcome(run: () => Promise<unknown>): Promise<{ kind: "value"; value: unknown } | { kind: "error"; error: unknown }> {
  try {
    return { kind: "value", value: await run() };
  } catch (error) {
    return { kind: "error", error };
  }
}

function digestOf(error: unknown): string {
  return typeof error === "object" && error !== null && "digest" in error ? String((error as { digest: unknown }).digest) : "";
}

beforeAll(async () => {
  owner = await makeUser("INSTRUCTOR", "Owner Instructor");
  otherInstructor = await makeUser("INSTRUCTOR", "Other Instructor");
  learner = await makeUser("LEARNER", "Curious Learner");
  member = await makeUser("LEARNER", SECRET_NAME);
  admin = await makeUser("ADMIN", "Site Admin");
  const cohort = await cohorts.createCohort(owner, { name: "Spring cohort", description: null, expiresInDays: null });
  cohortId = cohort.id;
  inviteCode = cohort.inviteCode;
  await cohorts.joinCohortByCode(member.id, inviteCode);
  await db.lessonProgress.create({ data: { userId: member.id, lessonId: "flask-hello", trackId: "flask" } });
  await db.exerciseSubmission.create({
    data: {
      userId: member.id,
      trackId: "flask",
      lessonId: "flask-hello",
      exerciseId: "flask-hello-ex",
      submitKey: "k1",
      code: "print('secret code')",
      verdict: "FAIL",
      engine: "server",
      result: "{}",
      passedCount: 0,
      checkCount: 1,
    },
  });
});

beforeEach(() => signInAs(null));

const PERSONAS: Persona[] = ["signed-out", "learner", "other instructor"];

describe("lib data functions refuse anyone but the cohort's owner", () => {
  const calls: [string, (viewer: TestUser) => Promise<unknown>][] = [
    ["getOwnedCohort", (viewer) => cohorts.getOwnedCohort(viewer, cohortId)],
    ["getCohortDashboard", (viewer) => getCohortDashboard(viewer, cohortId, { sort: "name", activity: "day", page: 1 })],
    ["loadCohortProgress", (viewer) => loadCohortProgress(viewer, cohortId)],
    ["getLearnerTimeline", (viewer) => getLearnerTimeline(viewer, cohortId, member.id)],
    ["buildCohortCsv", (viewer) => buildCohortCsv(viewer, cohortId)],
    ["rotateInviteCode", (viewer) => cohorts.rotateInviteCode(viewer, cohortId)],
    ["archiveCohort", (viewer) => cohorts.archiveCohort(viewer, cohortId)],
    ["restoreCohort", (viewer) => cohorts.restoreCohort(viewer, cohortId)],
    ["removeLearner", (viewer) => cohorts.removeLearner(viewer, cohortId, member.id)],
  ];

  for (const [name, call] of calls) {
    it(`${name}: a missing viewer gets 401, a learner 403, another instructor 404`, async () => {
      const signedOut = await outcome(() => call(null as unknown as TestUser));
      expect(signedOut.kind === "error" && signedOut.error).toBeInstanceOf(AuthError);
      expect((signedOut as { error: InstanceType<typeof AuthError> }).error.status).toBe(401);

      const asLearner = await outcome(() => call(learner));
      expect(asLearner.kind === "error" && asLearner.error).toBeInstanceOf(AuthError);
      expect((asLearner as { error: InstanceType<typeof AuthError> }).error.status).toBe(403);

      const asOther = await outcome(() => call(otherInstructor));
      expect(asOther.kind === "error" && asOther.error).toBeInstanceOf(CohortNotFoundError);
    });
  }

  it("a learner who was once an instructor keeps no access to the cohorts they created", async () => {
    const former = await makeUser("INSTRUCTOR", "Former Instructor");
    const own = await cohorts.createCohort(former, { name: "Old", description: null, expiresInDays: null });
    await expect(loadCohortProgress({ id: former.id, role: "LEARNER" }, own.id)).rejects.toMatchObject({ status: 403 });
  });

  it("nothing changed: the cohort, its code and its member are as they were", async () => {
    const row = await db.cohort.findUniqueOrThrow({ where: { id: cohortId } });
    expect(row).toMatchObject({ inviteCode, archivedAt: null, ownerId: owner.id });
    expect(await db.enrollment.count({ where: { cohortId, userId: member.id } })).toBe(1);
  });

  it("listOwnCohorts returns only the viewer's own cohorts, and refuses learners", async () => {
    expect((await cohorts.listOwnCohorts(otherInstructor)).map((c) => c.id)).not.toContain(cohortId);
    expect((await cohorts.listOwnCohorts(owner)).map((c) => c.id)).toContain(cohortId);
    await expect(cohorts.listOwnCohorts(learner)).rejects.toMatchObject({ status: 403 });
  });

  it("the owner gets the data", async () => {
    const progress = await loadCohortProgress(owner, cohortId);
    expect(progress.learners.map((l) => l.name)).toEqual([SECRET_NAME]);
    expect((await getLearnerTimeline(owner, cohortId, member.id)).learner.name).toBe(SECRET_NAME);
  });

  it("the owner cannot open a learner who is not in the cohort", async () => {
    await expect(getLearnerTimeline(owner, cohortId, learner.id)).rejects.toBeInstanceOf(CohortNotFoundError);
  });

  it("admin functions refuse learners and instructors", async () => {
    for (const viewer of [learner, owner]) {
      await expect(listUsersForAdmin(viewer)).rejects.toMatchObject({ status: 403 });
      await expect(changeUserRole(viewer, learner.id, "ADMIN")).rejects.toMatchObject({ status: 403 });
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: learner.id } })).role).toBe("LEARNER");
  });
});

describe("pages: signed-out → sign-in, learner or another instructor → 404", () => {
  const params = () => Promise.resolve({ id: cohortId, userId: member.id });
  const pages: [string, () => Promise<unknown>][] = [
    ["/instructor", () => InstructorPage()],
    ["/instructor/cohorts/[id]", () => CohortDashboardPage({ params: params(), searchParams: Promise.resolve({}) })],
    ["/instructor/cohorts/[id]/learners/[userId]", () => LearnerPage({ params: params() })],
  ];

  for (const [route, render] of pages) {
    for (const persona of PERSONAS) {
      // The cohort list page shows another instructor their own (empty) list: that is not a leak.
      if (route === "/instructor" && persona === "other instructor") continue;
      it(`${route} as ${persona}`, async () => {
        signInAs(personaUser(persona));
        const result = await outcome(render);
        expect(result.kind).toBe("error");
        const digest = digestOf((result as { error: unknown }).error);
        if (persona === "signed-out") expect(digest).toMatch(/^NEXT_REDIRECT;[^;]*;\/signin\?callbackUrl=/);
        else expect(digest).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
      });
    }
    it(`${route} renders for the owner, with the member's data`, async () => {
      signInAs(owner);
      const html = renderToString((await render()) as React.ReactElement);
      expect(html).toContain("Spring cohort");
      if (route !== "/instructor") expect(html).toContain(SECRET_NAME);
    });
  }

  it("/instructor as another instructor lists none of this owner's cohorts", async () => {
    signInAs(otherInstructor);
    expect(JSON.stringify(await InstructorPage())).not.toContain("Spring cohort");
  });

  it("/admin: signed-out → sign-in; learner and instructor → 404; admin → the page", async () => {
    const render = () => AdminPage({ searchParams: Promise.resolve({}) });
    expect(digestOf(((await outcome(render)) as { error: unknown }).error)).toMatch(/^NEXT_REDIRECT/);
    for (const user of [learner, owner]) {
      signInAs(user);
      const result = await outcome(render);
      expect(digestOf((result as { error: unknown }).error)).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    }
    signInAs(admin);
    expect((await outcome(render)).kind).toBe("value");
  });

  it("an id that is not an id is a 404, not an error", async () => {
    signInAs(owner);
    const result = await outcome(() =>
      CohortDashboardPage({ params: Promise.resolve({ id: "../../etc" }), searchParams: Promise.resolve({}) }),
    );
    expect(digestOf((result as { error: unknown }).error)).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
  });
});

describe("server actions refuse, change nothing and return no data", () => {
  const actionCalls: [string, () => Promise<unknown>][] = [
    ["rotateInviteCodeAction", () => actions.rotateInviteCodeAction({}, form({ cohortId }))],
    ["archiveCohortAction", () => actions.archiveCohortAction({}, form({ cohortId }))],
    ["restoreCohortAction", () => actions.restoreCohortAction({}, form({ cohortId }))],
    ["removeLearnerAction", () => actions.removeLearnerAction({}, form({ cohortId, userId: member.id }))],
  ];

  for (const [name, call] of actionCalls) {
    for (const persona of PERSONAS) {
      it(`${name} as ${persona}`, async () => {
        signInAs(personaUser(persona));
        const result = await outcome(call);
        if (persona === "signed-out") {
          expect(digestOf((result as { error: unknown }).error)).toMatch(/^NEXT_REDIRECT/);
        } else {
          expect(result).toEqual({ kind: "value", value: { ok: false, error: "That cohort was not found, or it is not yours." } });
        }
        const row = await db.cohort.findUniqueOrThrow({ where: { id: cohortId } });
        expect(row).toMatchObject({ inviteCode, archivedAt: null });
        expect(await db.enrollment.count({ where: { cohortId, userId: member.id } })).toBe(1);
      });
    }
  }

  it("createCohortAction: signed-out is sent to sign in, a learner is refused, nothing is created", async () => {
    const before = await db.cohort.count();
    expect(digestOf(((await outcome(() => actions.createCohortAction({}, form({ name: "X" })))) as { error: unknown }).error)).toMatch(
      /^NEXT_REDIRECT/,
    );
    signInAs(learner);
    expect(await actions.createCohortAction({}, form({ name: "X" }))).toMatchObject({ error: "Only instructors can create cohorts." });
    expect(await db.cohort.count()).toBe(before);
  });

  it("setUserRoleAction: signed-out → sign-in; a learner or instructor is refused and no role changes", async () => {
    const call = () => setUserRoleAction({}, form({ userId: learner.id, role: "ADMIN" }));
    expect(digestOf(((await outcome(call)) as { error: unknown }).error)).toMatch(/^NEXT_REDIRECT/);
    for (const user of [learner, owner]) {
      signInAs(user);
      expect(await call()).toEqual({ ok: false, error: "Only admins can change roles." });
    }
    signInAs(learner);
    expect(await setUserRoleAction({}, form({ userId: learner.id, role: "ADMIN" }))).toEqual({
      ok: false,
      error: "Only admins can change roles.",
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: learner.id } })).role).toBe("LEARNER");
  });

  it("setUserRoleAction: an admin can promote someone, but not change their own role", async () => {
    const someone = await makeUser("LEARNER", "To Promote");
    signInAs(admin);
    expect(await setUserRoleAction({}, form({ userId: someone.id, role: "INSTRUCTOR" }))).toMatchObject({ ok: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: someone.id } })).role).toBe("INSTRUCTOR");
    expect(await setUserRoleAction({}, form({ userId: admin.id, role: "LEARNER" }))).toMatchObject({
      error: expect.stringContaining("your own role"),
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
  });

  it("the owner's actions work", async () => {
    signInAs(owner);
    const created = await actions.createCohortAction({}, form({ name: "Autumn", description: "", expiresInDays: "7" }));
    expect(created).toMatchObject({ ok: true });
    const autumn = await db.cohort.findUniqueOrThrow({ where: { id: (created as { cohortId: string }).cohortId } });
    expect(autumn.ownerId).toBe(owner.id);
    expect(autumn.inviteExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect(await actions.rotateInviteCodeAction({}, form({ cohortId: autumn.id }))).toMatchObject({ ok: true });
    expect((await db.cohort.findUniqueOrThrow({ where: { id: autumn.id } })).inviteCode).not.toBe(autumn.inviteCode);
    expect(await actions.archiveCohortAction({}, form({ cohortId: autumn.id }))).toMatchObject({ ok: true });
    expect((await db.cohort.findUniqueOrThrow({ where: { id: autumn.id } })).archivedAt).not.toBeNull();

    // Only the owner can reopen it, and then its code admits learners again.
    for (const persona of PERSONAS.slice(1)) {
      signInAs(personaUser(persona));
      expect(await actions.restoreCohortAction({}, form({ cohortId: autumn.id }))).toEqual({
        ok: false,
        error: "That cohort was not found, or it is not yours.",
      });
    }
    const { inviteCode: autumnCode } = await db.cohort.findUniqueOrThrow({ where: { id: autumn.id } });
    await expect(cohorts.joinCohortByCode(learner.id, autumnCode)).rejects.toMatchObject({ reason: "archived" });
    signInAs(owner);
    expect(await actions.restoreCohortAction({}, form({ cohortId: autumn.id }))).toMatchObject({ ok: true });
    expect((await db.cohort.findUniqueOrThrow({ where: { id: autumn.id } })).archivedAt).toBeNull();
    await cohorts.joinCohortByCode(learner.id, autumnCode);
    expect(await db.enrollment.count({ where: { cohortId: autumn.id, userId: learner.id } })).toBe(1);
  });

  it("invalid input is refused with a message, not an exception", async () => {
    signInAs(owner);
    expect(await actions.createCohortAction({}, form({ name: "  " }))).toMatchObject({
      fieldErrors: { name: ["Give the cohort a name."] },
    });
    expect(await actions.archiveCohortAction({}, form({ cohortId: "'; DROP TABLE" }))).toMatchObject({ error: expect.any(String) });
  });
});

describe("CSV export route handler", () => {
  const get = (id = cohortId) =>
    exportRoute.GET(new Request(`http://localhost/instructor/cohorts/${id}/export`), { params: Promise.resolve({ id }) });

  for (const [persona, status] of [
    ["signed-out", 401],
    ["learner", 403],
    ["other instructor", 404],
  ] as const) {
    it(`${persona} gets ${status} and no learner data`, async () => {
      signInAs(personaUser(persona));
      const response = await get();
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toContain("application/json");
      const body = await response.text();
      expect(body).not.toContain(SECRET_NAME);
      expect(body).not.toContain(member.email);
    });
  }

  it("the owner gets the CSV", async () => {
    signInAs(owner);
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="spring-cohort-progress-\d{4}-\d{2}-\d{2}\.csv"$/);
    const body = await response.text();
    expect(body).toContain(SECRET_NAME);
  });

  it("a malformed id is a 404", async () => {
    signInAs(owner);
    expect((await get("not an id!")).status).toBe(404);
  });
});

describe("joining with a code", () => {
  it("is idempotent and keeps one enrollment with its first date", async () => {
    const someone = await makeUser();
    const first = await cohorts.joinCohortByCode(someone.id, inviteCode);
    const again = await Promise.all([cohorts.joinCohortByCode(someone.id, inviteCode), cohorts.joinCohortByCode(someone.id, inviteCode)]);
    expect(first.alreadyMember).toBe(false);
    expect(again.every((o) => o.cohortId === cohortId)).toBe(true);
    expect(await db.enrollment.count({ where: { cohortId, userId: someone.id } })).toBe(1);
  });

  it("says why a code does not work: unknown, expired, archived, rotated away", async () => {
    const someone = await makeUser();
    await expect(cohorts.joinCohortByCode(someone.id, "NOPE-NOPE-NOPE")).rejects.toMatchObject({ reason: "invalid" });
    const expiring = await cohorts.createCohort(owner, { name: "Short", description: null, expiresInDays: 7 });
    const later = new Date(Date.now() + 8 * 86_400_000);
    await expect(cohorts.joinCohortByCode(someone.id, expiring.inviteCode, later)).rejects.toMatchObject({ reason: "expired" });
    const rotated = await cohorts.rotateInviteCode(owner, expiring.id);
    await expect(cohorts.joinCohortByCode(someone.id, expiring.inviteCode)).rejects.toMatchObject({ reason: "invalid" });
    await cohorts.joinCohortByCode(someone.id, rotated.inviteCode);
    await cohorts.archiveCohort(owner, expiring.id);
    const other = await makeUser();
    await expect(cohorts.joinCohortByCode(other.id, rotated.inviteCode)).rejects.toMatchObject({ reason: "archived" });
    expect(await db.enrollment.count({ where: { userId: other.id } })).toBe(0);
  });

  it("joinCohortAction: signed-out goes to sign-in and back; bad codes get a clear message; codes are case-insensitive", async () => {
    const signedOut = await outcome(() => joinCohortAction({}, form({ code: inviteCode })));
    expect(digestOf((signedOut as { error: unknown }).error)).toContain(
      `/signin?callbackUrl=${encodeURIComponent(`/join?code=${inviteCode}`)}`,
    );
    const someone = await makeUser();
    signInAs(someone);
    expect(await joinCohortAction({}, form({ code: "" }))).toMatchObject({ error: "Enter the invite code your instructor gave you." });
    expect(await joinCohortAction({}, form({ code: "<script>" }))).toMatchObject({
      error: expect.stringContaining("only letters, digits and dashes"),
    });
    expect(await joinCohortAction({}, form({ code: "ZZZZ-ZZZZ-ZZZZ" }))).toMatchObject({
      error: expect.stringContaining("No cohort has that invite code"),
    });
    expect(await joinCohortAction({}, form({ code: ` ${inviteCode.toLowerCase()} ` }))).toMatchObject({
      ok: true,
      message: "You joined Spring cohort.",
    });
    expect(await joinCohortAction({}, form({ code: inviteCode }))).toMatchObject({
      ok: true,
      message: "You are already in Spring cohort.",
    });
  });

  it("/join?code= sends a signed-out visitor to sign in and back, and only fills the form in", async () => {
    const render = () => JoinPage({ searchParams: Promise.resolve({ code: inviteCode }) });
    const signedOut = await outcome(render);
    expect(digestOf((signedOut as { error: unknown }).error)).toContain(encodeURIComponent(`/join?code=${inviteCode}`));
    const someone = await makeUser();
    signInAs(someone);
    expect(renderToString((await render()) as React.ReactElement)).toContain(`value="${inviteCode}"`);
    expect(await db.enrollment.count({ where: { userId: someone.id } })).toBe(0);
  });

  it("an instructor cannot join their own cohort as a learner", async () => {
    await expect(cohorts.joinCohortByCode(owner.id, inviteCode)).rejects.toMatchObject({ reason: "owner" });
  });

  it("invite codes are long, random and readable", () => {
    const codes = new Set(Array.from({ length: 200 }, () => cohorts.generateInviteCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
  });

  it("removing a learner takes away the membership but keeps their progress", async () => {
    const someone = await makeUser();
    await cohorts.joinCohortByCode(someone.id, inviteCode);
    await db.lessonProgress.create({ data: { userId: someone.id, lessonId: "flask-hello", trackId: "flask" } });
    await cohorts.removeLearner(owner, cohortId, someone.id);
    expect(await db.enrollment.count({ where: { cohortId, userId: someone.id } })).toBe(0);
    expect(await db.lessonProgress.count({ where: { userId: someone.id } })).toBe(1);
    await expect(getLearnerTimeline(owner, cohortId, someone.id)).rejects.toBeInstanceOf(CohortNotFoundError);
  });
});
