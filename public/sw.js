// Crossroads' offline service worker (docs/decisions/0026-offline.md), scope /. Plain JavaScript, served as written.
// - The build's files (/_next/static), the browser engine (/runtime/v) and the search index (/pagefind) are named
//   by their content: kept after their first use and served from here first.
// - Pages: from the network while there is one; the home page, the track pages and every lesson page visited
//   are kept (they are the same for everyone), and answer when the network does not. Pages that depend on who
//   asks (accounts, instructors' pages) are never kept, nor the learner's dashboard, whose figures need /api/.
// - /api/ and everything not GET go to the network only: quizzes, submissions and saves need the server.
// /preview/ has its own worker (public/preview/sw.js), which the browser picks for that narrower scope.

const VERSION = "v1";
const PAGES = `crossroads-pages-${VERSION}`;
const FILES = `crossroads-files-${VERSION}`;
const KEPT_PAGE = /^\/(?:$|learn\/[a-z0-9-]+(?:\/[a-z0-9-]+)?\/?$)/;
const IMMUTABLE = /^\/(?:_next\/static\/|runtime\/v\/|pagefind\/)/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(PAGES)
      .then((cache) => cache.add("/"))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("crossroads-") && name !== PAGES && name !== FILES) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// The page that registered us lists what it loaded before we were in control (its own address, its scripts
// and styles), so a lesson read once is there offline even on the very first visit.
self.addEventListener("message", (event) => {
  if (event.data?.type !== "crossroads-keep" || !Array.isArray(event.data.urls)) return;
  event.waitUntil(
    Promise.all(
      event.data.urls.map(async (href) => {
        const url = new URL(href, self.location.origin);
        if (url.origin !== self.location.origin) return;
        const cacheName = IMMUTABLE.test(url.pathname) ? FILES : KEPT_PAGE.test(url.pathname) ? PAGES : null;
        if (!cacheName) return;
        const cache = await caches.open(cacheName);
        if (!(await cache.match(url.href))) await cache.add(url.href).catch(() => undefined);
      }),
    ),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/") || url.pathname.startsWith("/preview/")) return;
  // Never a worker's own script: Turbopack's worker reads which chunks to load from its address's #fragment, and
  // a response from here drops it (the engine then started with nothing and said "Starting Python…" forever on
  // every visit after the first). The browser's HTTP cache keeps that one file (immutable); what it loads comes here.
  if (IMMUTABLE.test(url.pathname) && request.destination !== "worker") event.respondWith(fileFirst(request));
  else if (request.mode === "navigate") event.respondWith(page(request, url));
});

async function fileFirst(request) {
  const cache = await caches.open(FILES);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

async function page(request, url) {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic" && KEPT_PAGE.test(url.pathname)) await cache.put(url.pathname, response.clone());
    return response;
  } catch {
    const kept = await cache.match(url.pathname);
    if (kept) return kept;
    return offlinePage(url.pathname);
  }
}

async function offlinePage(pathname) {
  const cache = await caches.open(PAGES);
  const lessons = (await cache.keys())
    .map((request) => new URL(request.url).pathname)
    .filter((path) => path.startsWith("/learn/"))
    .sort();
  const escape = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const links = lessons.map((path) => `<li><a href="${escape(path)}">${escape(path)}</a></li>`).join("");
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Offline · Crossroads</title><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>You are offline</h1><p>${escape(pathname)} was not saved on this device, so it needs a connection.</p>
${links ? `<p>Lessons you have read here open without one:</p><ul>${links}</ul>` : "<p>Lessons open offline once you have read them here with a connection.</p>"}
</body></html>`;
  return new Response(html, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'" },
  });
}
