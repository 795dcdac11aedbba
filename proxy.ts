import { NextResponse, type NextRequest } from "next/server";
import { CROSS_SITE_REFUSAL, isSameOrigin } from "@/lib/http/same-origin";

// Refuses cross-site writes before any page or handler runs: server actions (Next's own check would
// answer 500) and the JSON API. Sign-in, role and ownership checks still live in each action and handler.
export function proxy(request: NextRequest) {
  if (request.method !== "GET" && request.method !== "HEAD" && !isSameOrigin(request.headers)) {
    return NextResponse.json({ error: CROSS_SITE_REFUSAL }, { status: 403 });
  }
  return NextResponse.next();
}

export const config = {
  matcher: [{ source: "/:path*", has: [{ type: "header", key: "next-action" }] }, "/api/:path*"],
};
