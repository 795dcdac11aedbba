// The page's end of the live preview: registers the preview's service worker (public/preview/sw.js) and answers
// the requests it relays for the sessions this page owns. Client-side only.
import type { BrowserRequest, BrowserResponse, PreviewSession } from "@/lib/preview/session";

export const PREVIEW_WORKER_URL = "/preview/sw.js";

type Relayed = { type: "crossroads-preview"; session: string; request: BrowserRequest };
export type RelayReply = { owner: true; response: BrowserResponse } | { owner: false };

const sessions = new Map<string, PreviewSession>();
let listening = false;
let registered: Promise<void> | undefined;

function fromPreviewWorker(event: MessageEvent): boolean {
  const source = event.source;
  return (
    typeof ServiceWorker !== "undefined" && source instanceof ServiceWorker && new URL(source.scriptURL).pathname === PREVIEW_WORKER_URL
  );
}

async function onMessage(event: MessageEvent) {
  const port = event.ports[0];
  if (!port || !fromPreviewWorker(event)) return;
  await replyTo(event.data, port);
}

/** Answers one relayed request on the service worker's port: this page's session's response, or "not mine". */
export async function replyTo(message: unknown, port: Pick<MessagePort, "postMessage">): Promise<void> {
  const data = (message ?? {}) as Partial<Relayed>;
  const session = data.type === "crossroads-preview" && data.session ? sessions.get(data.session) : undefined;
  if (!session || !data.request) {
    port.postMessage({ owner: false } satisfies RelayReply);
    return;
  }
  let response: BrowserResponse;
  try {
    response = await session.handle(data.request);
  } catch (error) {
    // Still this page's answer: without one the service worker would wait, then call the page closed.
    const text = `The preview could not answer this request: ${String((error as Error)?.message ?? error)}`;
    response = {
      status: 500,
      headers: [["Content-Type", "text/plain; charset=utf-8"]],
      body: new TextEncoder().encode(text).buffer as ArrayBuffer,
    };
  }
  port.postMessage({ owner: true, response } satisfies RelayReply, [response.body]);
}

/** Resolves when the preview's service worker is active (so the iframe's requests reach it); rejects when it cannot be. */
export function ensurePreviewWorker(): Promise<void> {
  if (!("serviceWorker" in navigator)) return Promise.reject(new Error("This browser has no service workers, which the preview needs."));
  if (!listening) {
    navigator.serviceWorker.addEventListener("message", (event) => void onMessage(event));
    navigator.serviceWorker.startMessages();
    listening = true;
  }
  registered ??= navigator.serviceWorker.register(PREVIEW_WORKER_URL, { scope: "/preview/" }).then(async (registration) => {
    const worker = registration.active ?? registration.waiting ?? registration.installing;
    if (!worker || worker.state === "activated") return;
    await new Promise<void>((resolve, reject) => {
      worker.addEventListener("statechange", () => {
        if (worker.state === "activated") resolve();
        else if (worker.state === "redundant") reject(new Error("The preview's service worker could not start."));
      });
    });
  });
  registered.catch(() => (registered = undefined));
  return registered;
}

export function addPreviewSession(session: PreviewSession): () => void {
  sessions.set(session.id, session);
  return () => sessions.delete(session.id);
}
