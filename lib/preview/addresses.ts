// The live preview lives under /preview/<session>/ on Crossroads' origin, while the learner's app believes it
// is served from the root of http://localhost (so url_for, reverse and the tests' URLs are unchanged). These
// functions translate between the two: the address a browser asks for, and the links and redirects the app
// writes with a root-relative path.

export const PREVIEW_ROOT = "/preview/";
const APP_ORIGIN = "http://localhost";

/** /preview/<session>/ for a session id. */
export function previewPrefix(session: string): string {
  return `${PREVIEW_ROOT}${session}`;
}

/** The path and query the app should see for a browser URL inside the preview ("/" for the prefix itself). */
export function appTarget(url: string, prefix: string): string {
  const parsed = new URL(url, "http://preview.invalid");
  const path = parsed.pathname.startsWith(prefix) ? parsed.pathname.slice(prefix.length) : parsed.pathname;
  return (path.startsWith("/") ? path : `/${path}`) + parsed.search;
}

/** Where the browser should go for a Location the app sent: root-relative and http://localhost URLs stay in the preview. */
export function previewLocation(location: string, prefix: string): string {
  if (location.startsWith(`${APP_ORIGIN}/`) || location === APP_ORIGIN) location = location.slice(APP_ORIGIN.length) || "/";
  if (location.startsWith("/") && !location.startsWith("//") && !location.startsWith(`${prefix}/`)) return prefix + location;
  return location;
}

// href="/x", src='/x', action=/x (quoted or not); not protocol-relative //host URLs.
const ROOT_RELATIVE = /(\s(?:href|src|action|formaction)\s*=\s*)(["']?)\/(?!\/)/gi;

/** The app's HTML with root-relative links, sources and form actions moved into the preview. */
export function previewHtml(html: string, prefix: string): string {
  return html.replace(ROOT_RELATIVE, (match, attribute: string, quote: string, offset: number) => {
    const rest = html.slice(offset + match.length - 1);
    return rest.startsWith(`${prefix}/`) ? match : `${attribute}${quote}${prefix}/`;
  });
}

/**
 * Where the panel's frame is: the app's path when it shows this preview, "left" when it went somewhere else (a
 * link to another site, or a course address the browser refused to frame: their address cannot be read, and
 * reading it throws), or undefined for the frame's first blank page.
 */
export function frameWhere(frame: { location: { href: string } } | null | undefined, prefix: string): string | "left" | undefined {
  let href: string;
  try {
    href = frame?.location.href ?? "about:blank";
  } catch {
    return "left";
  }
  if (href === "about:blank") return undefined;
  const path = new URL(href).pathname;
  return path === prefix || path.startsWith(`${prefix}/`) ? appTarget(href, prefix) : "left";
}
