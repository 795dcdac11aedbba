// GET /api/progress?track=flask - the signed-in learner's state in one track (lessons, quizzes, exercises)
import { NextResponse } from "next/server";
import { HttpError, describeZodError, withUser } from "@/lib/http/api";
import { getTrackState } from "@/lib/progress";
import { TrackQuerySchema } from "@/lib/schemas/progress";

export const dynamic = "force-dynamic";

export const GET = withUser(async ({ request, user }) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = TrackQuerySchema.safeParse(params);
  if (!parsed.success) throw new HttpError(400, describeZodError(parsed.error));
  const state = await getTrackState(user.id, parsed.data.track);
  return NextResponse.json(state, { headers: { "Cache-Control": "private, no-store" } });
});
