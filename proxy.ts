import { NextResponse, type NextRequest } from "next/server";
import { fallbackPageHashes, newNonce, pagePolicy, prerenderedPageHashes } from "@/lib/http/csp";
import { CROSS_SITE_REFUSAL, isSameOrigin } from "@/lib/http/same-origin";

// Runs before every page and handler (static assets excepted):
// - refuses cross-site writes before anything runs: server actions called by script (Next's own check
//   would answer 500), no-script form posts to actions, and the JSON API; the site has no endpoint that
//   another site may post to. Sign-in, role and ownership checks still live in each action and handler.
// - sets the page's Content-Security-Policy: the hashes of a prerendered page's inline scripts, or a
//   fresh nonce that Next puts on the scripts of a page it renders now (lib/http/csp.ts).
export function proxy(request: NextRequest) {
  const writes = request.method !== "GET" && request.method !== "HEAD";
  if (writes && !isSameOrigin(request.headers)) {
    return NextResponse.json({ error: CROSS_SITE_REFUSAL }, { status: 403 });
  }
  const hashes = prerenderedPageHashes(request.nextUrl.pathname);
  if (hashes) {
    const response = NextResponse.next();
    response.headers.set("Content-Security-Policy", pagePolicy({ hashes }));
    return response;
  }
  const policy = pagePolicy({ nonce: newNonce(), hashes: fallbackPageHashes() });
  // Next takes the nonce from the request's policy header and writes it on its scripts.
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Static assets (the search index in /pagefind and the service workers too) keep next.config.js's fixed policy: they are files, not pages, and need no proxy.
  matcher: ["/((?!_next/static/|_next/image|runtime/|pagefind/|preview/sw.js|sw.js|favicon.ico).*)"],
};
