// GET /api/progress?track=flask - the signed-in learner's state in one track (lessons, quizzes, exercises)
// POST /api/progress - mark a lesson complete or not, for API clients (the lesson page uses a server action)
import { NextResponse } from "next/server";
import { getLesson } from "@/lib/content/queries";
import { ExpectedError } from "@/lib/errors";
import { describeZodError, readJson, withUser } from "@/lib/http/api";
import { getTrackState, recordLessonComplete, recordLessonIncomplete } from "@/lib/progress";
import { MarkCompleteSchema, TrackQuerySchema } from "@/lib/schemas/progress";

export const dynamic = "force-dynamic";

export const GET = withUser(async ({ request, user }) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = TrackQuerySchema.safeParse(params);
  if (!parsed.success) throw new ExpectedError(400, describeZodError(parsed.error));
  const state = await getTrackState(user.id, parsed.data.track);
  return NextResponse.json(state, { headers: { "Cache-Control": "private, no-store" } });
});

export const POST = withUser(async ({ request, user }) => {
  const body = await readJson(request, MarkCompleteSchema);
  const lesson = getLesson(body.lessonId);
  if (!lesson) throw new ExpectedError(404, `There is no lesson "${body.lessonId}".`);
  if (body.complete) await recordLessonComplete(user.id, lesson);
  else await recordLessonIncomplete(user.id, lesson.id);
  return NextResponse.json({ ok: true, lessonId: lesson.id, complete: body.complete });
});
