"use client";

import { useCallback, useEffect, useId, useImperativeHandle, useRef, useState, type FormEvent, type Ref } from "react";
import { FormError } from "@/components/ui/form-status";
import { addPreviewSession, ensurePreviewWorker } from "@/lib/preview/relay";
import { frameWhere } from "@/lib/preview/addresses";
import { PreviewSession, type PreviewLogEntry } from "@/lib/preview/session";
import { PreviewEngine } from "@/lib/runner/browser/preview-engine";

// The live preview (issue 18, docs/decisions/0025-live-preview.md): the learner's Flask or Django app, kept
// running in a Python worker of its own, shown in a sandboxed frame that browses it as a browser would.

type State = { phase: "closed" | "starting" | "ready" } | { phase: "failed"; message: string };
type History = { entries: string[]; index: number };

const LOG_SIZE = 12;

export interface LivePreviewProps {
  /** The editor's code now. */
  code: () => string | null;
  /** The exercise's support files (django_setup and the like), as a run gets them. */
  support: Record<string, string>;
  /** The workspace calls restart() after each run: an open preview restarts with the code that ran. */
  ref?: Ref<LivePreviewHandle>;
}

export type LivePreviewHandle = { restart(): void };

export function LivePreview({ code, support, ref }: LivePreviewProps) {
  const id = useId();
  const [state, setState] = useState<State>({ phase: "closed" });
  const [address, setAddress] = useState("/");
  const [method, setMethod] = useState<"GET" | "POST">("GET");
  const [formBody, setFormBody] = useState("");
  const [history, setHistory] = useState<History>({ entries: [], index: -1 });
  const [log, setLog] = useState<PreviewLogEntry[]>([]);
  const [startedCode, setStartedCode] = useState<string | null>(null);
  /** The frame followed a link out of the app (another site): the address bar must not keep claiming it is the app. */
  const [left, setLeft] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);
  const traversing = useRef(false);
  // Creating them starts nothing: the worker starts when the learner opens the preview.
  const [{ engine, session }] = useState(() => {
    const engine = new PreviewEngine();
    const session = new PreviewSession(
      crypto.randomUUID(),
      (request) => engine.answer(request),
      (entry) => setLog((entries) => [entry, ...entries].slice(0, LOG_SIZE)),
    );
    return { engine, session };
  });
  const frameName = `preview-${session.id}`;

  useEffect(() => {
    const removeSession = addPreviewSession(session);
    return () => {
      removeSession();
      engine.stop();
    };
  }, [engine, session]);

  const navigate = useCallback(
    (path: string, how: "assign" | "replace" = "assign") => {
      const target = frame.current?.contentWindow;
      if (target) target.location[how](session.prefix + (path.startsWith("/") ? path : `/${path}`));
    },
    [session],
  );

  /** Starts (or restarts) the app with the editor's code, then shows `path` in the frame. */
  const start = useCallback(
    async (path: string) => {
      const current = code();
      if (current === null) return;
      setState({ phase: "starting" });
      try {
        await ensurePreviewWorker();
      } catch (caught) {
        setState({ phase: "failed", message: (caught as Error).message });
        return;
      }
      await engine.start({ code: current, support });
      setStartedCode(current);
      setState({ phase: "ready" });
      // An app that did not start answers every request with its traceback, so the frame shows why.
      requestAnimationFrame(() => navigate(path, "replace"));
    },
    [code, engine, navigate, support],
  );

  // A run restarts an open preview with the code it ran, and reloads the page it was showing.
  useImperativeHandle(
    ref,
    () => ({
      restart: () => {
        if (state.phase === "ready") void start(address);
      },
    }),
    [state.phase, start, address],
  );

  const onFrameLoad = () => {
    const path = frameWhere(frame.current?.contentWindow, session.prefix);
    if (path === undefined) return;
    setLeft(path === "left");
    if (path === "left") {
      traversing.current = false;
      return;
    }
    setAddress(path);
    if (traversing.current) {
      traversing.current = false;
      return;
    }
    setHistory((old) => {
      if (old.entries[old.index] === path) return old;
      const entries = [...old.entries.slice(0, old.index + 1), path];
      return { entries, index: entries.length - 1 };
    });
  };

  const traverse = (step: -1 | 1) => {
    const index = history.index + step;
    if (index < 0 || index >= history.entries.length) return;
    traversing.current = true;
    setHistory({ ...history, index });
    navigate(history.entries[index], "replace");
  };

  const go = (event: FormEvent) => {
    event.preventDefault();
    const path = address.trim() || "/";
    if (method === "GET") return navigate(path);
    // A POST navigation, as a form on the page would make it: fields from name=value&name=value.
    const form = document.createElement("form");
    form.method = "post";
    form.action = session.prefix + (path.startsWith("/") ? path : `/${path}`);
    form.target = frameName;
    form.hidden = true;
    for (const [name, value] of new URLSearchParams(formBody)) {
      const input = document.createElement("input");
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
    form.remove();
  };

  const open = state.phase !== "closed";
  const stale = state.phase === "ready" && startedCode !== null && startedCode !== code();
  return (
    <section className="live-preview" data-testid="live-preview" data-phase={state.phase} aria-labelledby={`${id}-title`}>
      <div className="row">
        <h3 id={`${id}-title`}>Live preview</h3>
        {!open ? (
          <button type="button" className="button small" onClick={() => void start("/")} data-testid="preview-open">
            Show my app
          </button>
        ) : (
          <span className="muted small" role="status">
            {state.phase === "starting"
              ? "Starting your app…"
              : left
                ? "The frame left your app (a link to another site or to a course page): what it shows is not your app. Press Reload to go back."
                : stale
                  ? "Showing the code of your last run: press Run to update it."
                  : "Your app, running in your browser."}
          </span>
        )}
      </div>
      {!open && (
        <p className="muted small">
          Opens your app in a frame: follow its links, submit its forms, see its redirects, cookies and error pages. It keeps running
          between requests, and restarts each time you press Run.
        </p>
      )}
      {state.phase === "failed" && <FormError message={state.message} />}
      {open && state.phase !== "failed" && (
        <>
          <form className="preview-bar" onSubmit={go} aria-label="Preview address">
            <button type="button" className="button small" onClick={() => traverse(-1)} disabled={history.index <= 0} aria-label="Back">
              ←
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => traverse(1)}
              disabled={history.index >= history.entries.length - 1}
              aria-label="Forward"
            >
              →
            </button>
            <button type="button" className="button small" onClick={() => navigate(address, "replace")} aria-label="Reload">
              ⟳
            </button>
            <select value={method} onChange={(event) => setMethod(event.target.value as "GET" | "POST")} aria-label="Method">
              <option>GET</option>
              <option>POST</option>
            </select>
            <input
              className="preview-address"
              value={address}
              onChange={(event) => setAddress(event.target.value)}
              aria-label="Address"
              spellCheck={false}
              autoComplete="off"
              data-testid="preview-address"
            />
            <button type="submit" className="button small primary">
              Go
            </button>
          </form>
          {method === "POST" && (
            <input
              className="preview-form-body"
              value={formBody}
              onChange={(event) => setFormBody(event.target.value)}
              aria-label="Form fields"
              placeholder="name=Ada&seats=2"
              spellCheck={false}
            />
          )}
          <iframe
            ref={frame}
            name={frameName}
            title="Your app"
            className="preview-frame"
            // No scripts: the learner's pages cannot reach this page, its cookies or its storage. Same origin only
            // so the preview's service worker can answer the frame and this page can read its address.
            sandbox="allow-forms allow-same-origin"
            onLoad={onFrameLoad}
            data-testid="preview-frame"
          />
          <details className="preview-log" data-testid="preview-log">
            <summary>Requests ({log.length})</summary>
            {log.length === 0 ? (
              <p className="muted small">No requests yet.</p>
            ) : (
              <ol>
                {log.map((entry, index) => (
                  <li key={log.length - index}>
                    <code>
                      {entry.method} {entry.target} → {entry.status}
                    </code>
                    {entry.printed && <pre>{entry.printed}</pre>}
                  </li>
                ))}
              </ol>
            )}
          </details>
        </>
      )}
    </section>
  );
}
