// GET/POST /api/auth/* - next-auth's own endpoints (session, CSRF token, credentials callback)
// The sign-in limits are enforced inside the credentials check (lib/auth/sign-in-limits.ts), whatever
// the request looks like; nothing here infers success or failure from next-auth's response. A refusal
// by a limit is answered 429 with Retry-After instead of next-auth's redirect to the sign-in page.
import { NextResponse, type NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { runSignInCallback } from "@/lib/auth/sign-in-limits";

export const GET = handlers.GET;

export async function POST(request: NextRequest): Promise<Response> {
  const { response, refused } = await runSignInCallback(() => handlers.POST(request));
  if (refused?.allowed !== false) return response;
  return NextResponse.json({ error: refused.message }, { status: 429, headers: { "Retry-After": String(refused.retryAfter) } });
}
