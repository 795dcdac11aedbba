// GET /api/dashboard - what the signed-in learner's dashboard shows: tracks, chooser pick, projects, quizzes.
// The dashboard page itself is prerendered and loads this, as lesson pages load /api/progress.
import { NextResponse } from "next/server";
import { withUser } from "@/lib/http/api";
import { getDashboardView } from "@/lib/learner-dashboard-view";

export const dynamic = "force-dynamic";

export const GET = withUser(async ({ user }) =>
  NextResponse.json(await getDashboardView(user), { headers: { "Cache-Control": "private, no-store" } }),
);
