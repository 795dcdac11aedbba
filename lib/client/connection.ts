// Whether the page can reach the server, for the offline banner and for sending what waited. The browser's
// `navigator.onLine` says only whether there is a network, and stays true behind a dead connection (or a
// server that is down); so requests that fail report it here, and while the server is unreachable it is asked
// again every few seconds until it answers. Client-side only.

const PROBE_EVERY_MS = 5_000;
let reachable = true;
let probe: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function notify() {
  for (const listener of listeners) listener();
}

/** Called by code whose request reached the server (any HTTP answer) or failed to (a network error). */
export function reportReachability(ok: boolean): void {
  if (ok === reachable) return;
  reachable = ok;
  clearInterval(probe);
  probe = undefined;
  if (!ok) {
    probe = setInterval(() => {
      fetch("/api/health", { cache: "no-store" }).then(
        () => reportReachability(true),
        () => undefined,
      );
    }, PROBE_EVERY_MS);
  }
  notify();
}

export function isOffline(): boolean {
  return !navigator.onLine || !reachable;
}

/** Calls `onChange` when the connection goes or comes back (the browser's events and the requests' reports). */
export function subscribeConnection(onChange: () => void): () => void {
  listeners.add(onChange);
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}
