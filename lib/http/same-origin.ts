/**
 * Whether a request that changes data was sent by a page of this site. Browsers put an Origin header
 * on every cross-site POST; it must name the host the request was sent to (x-forwarded-host behind a
 * reverse proxy). A request without Origin is not from a browser page, so it carries no victim's
 * cookies and is left to the usual sign-in checks.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return true;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // "null" (sandboxed frames, file://) or garbage
  }
}

export const CROSS_SITE_REFUSAL = "This request came from another website, so it was refused. Open Crossroads itself and try again.";
