// GET/POST /api/auth/* - next-auth's own endpoints (session, CSRF token, credentials callback)
import { NextResponse, type NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { checkSignIn, recordSignInResult } from "@/lib/auth/sign-in-limits";
import { EmailSchema } from "@/lib/schemas/auth";
import { clientIp } from "@/lib/rate-limit";

export const GET = handlers.GET;

// The credentials callback is a second way to try a password (besides the sign-in form's action),
// so it gets the same per-IP limit and per-email lockout.
export async function POST(request: NextRequest): Promise<Response> {
  if (!request.nextUrl.pathname.endsWith("/callback/credentials")) return handlers.POST(request);
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  const email = EmailSchema.safeParse(form?.get("email"));
  const key = email.success ? email.data : "(invalid)";
  const gate = await checkSignIn(clientIp(request.headers), key);
  if (!gate.allowed) {
    return NextResponse.json({ error: gate.message }, { status: 429, headers: { "Retry-After": String(gate.retryAfter) } });
  }
  const response = await handlers.POST(request);
  const location = response.headers.get("location") ?? "";
  await recordSignInResult(key, !location.includes("error="));
  return response;
}
