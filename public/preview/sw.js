// The live preview's service worker (docs/decisions/0025-live-preview.md), scoped to /preview/.
// The panel's iframe shows /preview/<session>/<path>; every request it makes (navigations, form posts, images,
// style sheets) comes here and is relayed to the window that owns the session, which has the learner's app
// answer it in its Python worker (lib/preview/session.ts). Nothing under /preview/ reaches the server.
// Plain JavaScript on purpose: it is served as written, outside the app's bundles.

const SESSION_PATH = /^\/preview\/([A-Za-z0-9-]{16,64})(?:\/|$)/;
const ANSWER_TIMEOUT_MS = 30_000;
/** The largest request body relayed (it is copied to every window, then to Python as base64). */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

// What the learner's pages may do: show themselves, their styles and images, and submit forms to their own
// preview. No scripts (the iframe's sandbox says so too), no plugins, no framing by other sites. Forms may post
// only under /preview/<session>/: 'self' would let a button in the app post, with the learner's cookies, to
// the course's own /api/... or to a server action (action="../../api/...", or an absolute URL).
function previewCsp(session) {
  return [
    "sandbox allow-forms allow-same-origin",
    "default-src 'none'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "media-src 'self'",
    `form-action ${self.location.origin}/preview/${session}/`,
    "base-uri 'none'",
    "frame-ancestors 'self'",
  ].join("; ");
}

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  const match = SESSION_PATH.exec(url.pathname);
  if (!match) return;
  event.respondWith(relay(event.request, match[1]));
});

function text(status, message, session) {
  return new Response(message, {
    status,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Security-Policy": previewCsp(session),
      "Cache-Control": "no-store",
      "Referrer-Policy": "same-origin",
    },
  });
}

/**
 * Asks every open Crossroads window; the one that owns the session answers, the others say it is not theirs.
 * Resolves to the owner's reply, undefined when every window said "not mine", or "timeout": a window that never
 * opened a preview has no listener and never answers, and an owner may be busy with slow requests.
 */
async function ask(windows, message) {
  return new Promise((resolve) => {
    let unanswered = windows.length;
    const timer = setTimeout(() => resolve("timeout"), ANSWER_TIMEOUT_MS);
    const done = (reply) => {
      clearTimeout(timer);
      resolve(reply);
    };
    if (unanswered === 0) done(undefined);
    for (const client of windows) {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => {
        if (event.data && event.data.owner) done(event.data);
        else if (--unanswered === 0) done(undefined);
      };
      client.postMessage(message, [channel.port2]);
    }
  });
}

/** A request the preview may answer: one from the panel's frame, not another site's page or a top-level tab. */
function refusal(request) {
  // A top-level page (a link to /preview/<id>/ opened from elsewhere, an address typed in) is not the panel.
  if (request.mode === "navigate" && request.destination === "document") return "The preview opens only in its panel, beside the exercise.";
  // Another site framing or posting to a preview whose address it learnt (the frame's own requests may carry no
  // referrer when the app asks for none, so only a foreign one is refused).
  if (request.referrer && request.referrer !== "about:client" && new URL(request.referrer).origin !== self.location.origin)
    return "Another site asked for this preview; only its panel may.";
  return undefined;
}

async function relay(request, session) {
  try {
    return await relayChecked(request, session);
  } catch (error) {
    return text(502, `The preview could not pass on your app's answer: ${error && error.message ? error.message : error}`, session);
  }
}

async function relayChecked(request, session) {
  const refused = refusal(request);
  if (refused) return text(403, refused, session);
  const body = request.method === "GET" || request.method === "HEAD" ? new ArrayBuffer(0) : await request.arrayBuffer();
  if (body.byteLength > MAX_BODY_BYTES)
    return text(413, `The request's body has ${body.byteLength} bytes; the preview passes on at most ${MAX_BODY_BYTES}.`, session);
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const reply = await ask(windows, {
    type: "crossroads-preview",
    session,
    request: { method: request.method, url: request.url, headers: [...request.headers], body },
  });
  if (reply === "timeout") {
    return text(
      504,
      `No page answered for this preview within ${ANSWER_TIMEOUT_MS / 1000} seconds: your app may still be busy with earlier requests, ` +
        "or the page that showed it was closed. Press Run to start it again.",
      session,
    );
  }
  if (!reply) {
    return text(
      404,
      "This preview belongs to a page that was closed or reloaded. Open the exercise and press Run to start a new preview.",
      session,
    );
  }
  const status = reply.response.status;
  if (!Number.isInteger(status) || status < 200 || status > 599)
    return text(502, `Your app answered with status ${status}, which a browser cannot show.`, session);
  const headers = new Headers();
  for (const [name, value] of reply.response.headers) headers.append(name, value);
  headers.append("Content-Security-Policy", previewCsp(session));
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Cache-Control", "no-store");
  // The address holds the session id: links to other sites get the origin only.
  headers.set("Referrer-Policy", "same-origin");
  const empty = [204, 205, 304].includes(status) || request.method === "HEAD";
  return new Response(empty ? null : reply.response.body, { status, headers });
}
