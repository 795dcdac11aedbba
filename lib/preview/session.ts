// One live preview on the page: the requests its iframe makes (relayed by the service worker, public/preview/sw.js)
// are translated for the learner's app, answered by the preview worker, and translated back. Client-side, but
// free of DOM APIs so it is unit-tested in Node.
import { CookieJar } from "@/lib/preview/cookie-jar";
import { appTarget, previewHtml, previewLocation, previewPrefix } from "@/lib/preview/addresses";
import type { PreviewAppRequest, PreviewAppResponse } from "@/lib/runner/browser/run-in-pyodide";

/** A request as the service worker saw it. */
export type BrowserRequest = { method: string; url: string; headers: [string, string][]; body: ArrayBuffer };
/** The response the service worker hands the iframe (it adds the preview's Content-Security-Policy itself). */
export type BrowserResponse = { status: number; headers: [string, string][]; body: ArrayBuffer };
/** One line of the panel's request log. */
export type PreviewLogEntry = { method: string; target: string; status: number; printed: string };

// Hop-by-hop and browser-only request headers the app does not get; the jar supplies Cookie.
const DROPPED_REQUEST_HEADERS = new Set(["cookie", "host", "connection", "content-length", "origin", "referer"]);
// Response headers that would break or escape the preview: cookies live in the jar, and the app's
// X-Frame-Options (Django's default is DENY) would refuse the panel's own frame. The rest act on the whole
// Crossroads origin, not on the preview: Clear-Site-Data would wipe the course's cookies, storage and offline
// queue; reports would be posted, with the learner's cookies, to whatever same-origin address the app names.
const DROPPED_RESPONSE_HEADERS = new Set([
  "set-cookie",
  "x-frame-options",
  "content-length",
  "transfer-encoding",
  "connection",
  "clear-site-data",
  "report-to",
  "reporting-endpoints",
  "nel",
  "service-worker-allowed",
]);

export function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A plain-text answer of the preview itself (not the app's), in the shape the app's answers have. */
export function textResponse(status: number, text: string): PreviewAppResponse {
  return {
    status,
    headers: [["Content-Type", "text/plain; charset=utf-8"]],
    body: toBase64(new TextEncoder().encode(text).buffer as ArrayBuffer),
    printed: "",
  };
}

export function fromBase64(text: string): ArrayBuffer {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** Whether a URL the frame would go to, resolved against the frame's address, is on Crossroads' origin but
 * outside this preview (a course page, /api/..., another preview): a redirect there (307/308 keep a form's
 * POST and body) would reach the real server with the learner's cookies. Other sites are the app's business. */
export function leavesPreview(target: string, requestUrl: string, prefix: string): boolean {
  const base = new URL(requestUrl);
  let resolved: URL;
  try {
    resolved = new URL(target, base);
  } catch {
    return false; // the browser cannot follow it either
  }
  if (resolved.origin !== base.origin) return false;
  return resolved.pathname !== prefix && !resolved.pathname.startsWith(`${prefix}/`);
}

// Refresh: 0; url=/next (the header form of <meta http-equiv="refresh">).
const REFRESH = /^(\s*\d+(?:\.\d*)?\s*[;,]\s*url\s*=\s*)(["']?)(.*?)\2\s*$/i;

function isHtml(headers: [string, string][]): boolean {
  return headers.some(([name, value]) => name.toLowerCase() === "content-type" && value.toLowerCase().startsWith("text/html"));
}

export class PreviewSession {
  readonly prefix: string;
  readonly jar = new CookieJar();

  constructor(
    readonly id: string,
    private readonly answer: (request: PreviewAppRequest) => Promise<PreviewAppResponse>,
    private readonly onLog: (entry: PreviewLogEntry) => void = () => {},
  ) {
    this.prefix = previewPrefix(id);
  }

  /** Whether a URL the service worker relays belongs to this preview. */
  owns(url: string): boolean {
    const path = new URL(url, "http://preview.invalid").pathname;
    return path === this.prefix || path.startsWith(`${this.prefix}/`);
  }

  async handle(request: BrowserRequest): Promise<BrowserResponse> {
    const target = appTarget(request.url, this.prefix);
    const headers = request.headers.filter(([name]) => !DROPPED_REQUEST_HEADERS.has(name.toLowerCase()));
    const cookie = this.jar.header();
    if (cookie) headers.push(["Cookie", cookie]);
    // The app's own origin, so a framework's CSRF origin check sees a same-site form.
    if (request.method !== "GET" && request.method !== "HEAD") headers.push(["Origin", "http://localhost"]);
    const reply = await this.answer({ method: request.method, target, headers, body: toBase64(request.body) });
    this.jar.store(reply.headers.filter(([name]) => name.toLowerCase() === "set-cookie").map(([, value]) => value));
    this.onLog({ method: request.method, target, status: reply.status, printed: reply.printed });
    const out: [string, string][] = [];
    for (const [name, value] of reply.headers) {
      const key = name.toLowerCase();
      if (DROPPED_RESPONSE_HEADERS.has(key)) continue;
      if (key === "location") {
        const location = previewLocation(value, this.prefix);
        if (leavesPreview(location, request.url, this.prefix)) return this.refused(value);
        out.push([name, location]);
      } else if (key === "refresh") {
        const refresh = REFRESH.exec(value);
        const to = refresh ? previewLocation(refresh[3], this.prefix) : undefined;
        if (to === undefined) out.push([name, value]);
        else if (!leavesPreview(to, request.url, this.prefix)) out.push([name, `${refresh![1]}${to}`]);
      } else if (key === "content-security-policy" || key === "content-security-policy-report-only") {
        // The app's own policy still applies on top of the preview's; its reports would be posted, with the
        // learner's cookies, to whatever same-origin address it names (report-uri /api/...).
        const policies = value
          .split(",")
          .map((policy) =>
            policy
              .split(";")
              .filter((directive) => directive.trim() && !/^\s*report-(?:uri|to)(?:\s|$)/i.test(directive))
              .join(";"),
          )
          .filter((policy) => policy.trim());
        if (policies.length) out.push([name, policies.join(",")]);
      } else out.push([name, value]);
    }
    let body = fromBase64(reply.body);
    if (isHtml(reply.headers))
      body = new TextEncoder().encode(previewHtml(new TextDecoder().decode(body), this.prefix)).buffer as ArrayBuffer;
    return { status: reply.status, headers: out, body };
  }

  private refused(location: string): BrowserResponse {
    const text =
      `Your app redirected to ${location}, which is a page of this course, not of your app, so the preview did not follow it. ` +
      "Redirect to one of your app's own paths (a path starting with /, or url_for / reverse).";
    return {
      status: 502,
      headers: [["Content-Type", "text/plain; charset=utf-8"]],
      body: new TextEncoder().encode(text).buffer as ArrayBuffer,
    };
  }
}
