"use client";

import { useId, useState, type FormEvent } from "react";
import { RunResults } from "@/components/code-exercise/run-results";
import { FormError } from "@/components/ui/form-status";
import type { ConsoleOperation } from "@/lib/console/openapi";
import type { ConsoleOutcome } from "@/lib/console/send";
import { ConsoleSchema, parseHeaderLines } from "@/lib/schemas/console";
import { PROBE_METHODS, type ProbeMethod, type ProbeRequest, type ProbeResponse, type RunResult } from "@/lib/runner/types";

// The request console (issue 18): one request, composed by hand, sent to the learner's current code. Browser
// exercises answer it in the page's Python (sendInBrowser); server ones through POST /api/console, which counts
// as a run. A FastAPI app's operations, from its OpenAPI document, fill the form in.

const REASONS: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  304: "Not Modified",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

export interface RequestConsoleProps {
  exerciseId: string;
  /** The editor's code now. */
  code: () => string | null;
  /** Browser exercises: sends the request to the app in the page's Python. Absent: the server engine. */
  sendInBrowser?: (code: string, probe: ProbeRequest) => Promise<RunResult>;
  signedIn: boolean;
  /** The app is FastAPI's, which publishes its operations at /openapi.json (fetched by the server with each request). */
  openapi: boolean;
}

/** POST /api/console, with its failures as sentences: the server's own, the rate limit's wait, no connection. */
async function sendOnServer(exerciseId: string, code: string, request: ProbeRequest): Promise<ConsoleOutcome> {
  let response: Response;
  try {
    response = await fetch("/api/console", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ exerciseId, code, request }),
    });
  } catch {
    throw new Error("Could not reach the server. Check your connection and try again.");
  }
  const data = (await response.json().catch(() => ({}))) as Partial<ConsoleOutcome> & { error?: string };
  if (!response.ok || !data.result) {
    const retry = response.headers.get("Retry-After");
    const wait = response.status === 429 && retry ? ` You can send again in ${retry} s.` : "";
    throw new Error((data.error ?? `The server answered ${response.status}.`) + wait);
  }
  return { result: data.result, operations: data.operations ?? [] };
}

function headerValue(response: ProbeResponse, name: string): string {
  return response.headers.find(([key]) => key.toLowerCase() === name)?.[1] ?? "";
}

/** The body as shown: JSON pretty-printed, other text as it is, anything else described. */
function shownBody(response: ProbeResponse): { text: string; json: boolean } {
  if (response.encoding === "base64") return { text: `Binary body, ${response.bytes} bytes (base64):\n${response.body}`, json: false };
  if (/\bjson\b/i.test(headerValue(response, "content-type")) && !response.truncated) {
    try {
      return { text: JSON.stringify(JSON.parse(response.body), null, 2), json: true };
    } catch {
      // Not valid JSON after all: shown as it came.
    }
  }
  return { text: response.body, json: false };
}

function ResponseView({ result, response }: { result: RunResult; response: ProbeResponse }) {
  const body = shownBody(response);
  const tone = response.status < 300 ? "ok" : response.status < 400 ? "info" : response.status < 500 ? "warn" : "error";
  return (
    <section className="console-response stack" aria-label="Response" data-testid="console-response" data-status={response.status}>
      <p className={`alert ${tone}`}>
        <strong data-testid="console-status">
          {response.status} {REASONS[response.status] ?? ""}
        </strong>
        <span className="muted small">
          {" "}
          · {result.engine === "browser" ? "answered in your browser" : "answered on the server"} in {(result.durationMs / 1000).toFixed(1)}{" "}
          s
        </span>
      </p>
      <details>
        <summary>Headers ({response.headers.length})</summary>
        <dl className="console-headers">
          {response.headers.map(([name, value], index) => (
            <div key={index}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </details>
      <div className="stack" style={{ gap: "0.3rem" }}>
        <span className="label">Body{body.json ? " (JSON)" : ""}</span>
        {response.bytes === 0 ? (
          <p className="muted small">Empty body.</p>
        ) : (
          <pre className="output" data-testid="console-body">
            {body.text}
          </pre>
        )}
        {response.truncated && <p className="muted small">Cut: the body is {response.bytes} bytes; the console shows the first 64 KB.</p>}
      </div>
      {result.output && (
        <details>
          <summary>What your code printed</summary>
          <pre className="output">{result.output}</pre>
        </details>
      )}
    </section>
  );
}

export function RequestConsole({ exerciseId, code, sendInBrowser, signedIn, openapi }: RequestConsoleProps) {
  const id = useId();
  const [method, setMethod] = useState<ProbeMethod>("GET");
  const [path, setPath] = useState("/");
  const [headers, setHeaders] = useState("");
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<RunResult | null>(null);
  const [operations, setOperations] = useState<ConsoleOperation[] | null>(null);
  const onServer = !sendInBrowser;

  const send = async (request: { method: ProbeMethod; path: string; headers: string; body: string }) => {
    const current = code();
    if (current === null || busy) return;
    const parsedHeaders = parseHeaderLines(request.headers);
    if ("error" in parsedHeaders) return setError(parsedHeaders.error);
    const checked = ConsoleSchema.shape.request.safeParse({ ...request, headers: parsedHeaders.headers });
    if (!checked.success) return setError(checked.error.issues[0]?.message ?? "This request cannot be sent.");
    setBusy(true);
    setError(null);
    try {
      if (sendInBrowser) {
        setResult(await sendInBrowser(current, checked.data));
      } else {
        const outcome = await sendOnServer(exerciseId, current, checked.data);
        setResult(outcome.result);
        if (openapi) setOperations(outcome.operations);
      }
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send({ method, path, headers, body });
  };

  const fill = (operation: ConsoleOperation) => {
    setMethod(operation.method);
    setPath(operation.path);
    if (operation.body !== undefined) {
      setBody(operation.body);
      if (!/^\s*content-type\s*:/im.test(headers)) setHeaders((text) => `Content-Type: application/json\n${text}`.trim());
    }
  };

  const response = result?.probe?.response;
  return (
    <details className="request-console" data-testid="request-console">
      <summary>Try a request</summary>
      <div className="stack">
        <p className="muted small">
          Sends one request to the app in your code as it is now, started afresh for each request
          {onServer ? ", on the server: each request counts as a run." : ", here in your browser."}
        </p>
        {onServer && !signedIn && <p className="alert info small">Sign in to send requests to your app on the server.</p>}
        {operations !== null && (
          <div className="stack" style={{ gap: "0.4rem" }}>
            <span className="label" id={`${id}-ops`}>
              Your app&apos;s operations (from its OpenAPI document)
            </span>
            {operations.length === 0 ? (
              <p className="muted small">No operations: your app did not answer GET /openapi.json with an OpenAPI document.</p>
            ) : (
              <div className="console-operations" role="group" aria-labelledby={`${id}-ops`}>
                {operations.map((operation) => (
                  <button
                    key={`${operation.method} ${operation.path}`}
                    type="button"
                    className="button small"
                    onClick={() => fill(operation)}
                    title={operation.summary || undefined}
                    data-testid="console-operation"
                  >
                    <span className="console-method">{operation.method}</span> {operation.path}
                  </button>
                ))}
              </div>
            )}
          </div>
        )}
        <form className="stack console-form" onSubmit={onSubmit} aria-label="Request">
          <div className="console-line">
            <div className="field">
              <label htmlFor={`${id}-method`}>Method</label>
              <select id={`${id}-method`} value={method} onChange={(event) => setMethod(event.target.value as ProbeMethod)}>
                {PROBE_METHODS.map((name) => (
                  <option key={name}>{name}</option>
                ))}
              </select>
            </div>
            <div className="field console-path">
              <label htmlFor={`${id}-path`}>Path</label>
              <input
                id={`${id}-path`}
                value={path}
                onChange={(event) => setPath(event.target.value)}
                spellCheck={false}
                autoComplete="off"
                placeholder="/items?limit=10"
              />
            </div>
            <button type="submit" className="button primary" disabled={busy || (onServer && !signedIn)} data-testid="console-send">
              {busy ? "Sending…" : "Send"}
            </button>
          </div>
          <div className="field">
            <label htmlFor={`${id}-headers`}>Headers</label>
            <textarea
              id={`${id}-headers`}
              value={headers}
              onChange={(event) => setHeaders(event.target.value)}
              rows={2}
              spellCheck={false}
              placeholder="Content-Type: application/json"
              aria-describedby={`${id}-headers-hint`}
            />
            <p className="field-hint" id={`${id}-headers-hint`}>
              One per line, as Name: value.
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-body`}>Body</label>
            <textarea id={`${id}-body`} value={body} onChange={(event) => setBody(event.target.value)} rows={4} spellCheck={false} />
          </div>
        </form>
        {openapi && onServer && operations === null && signedIn && (
          <p className="muted small">
            FastAPI apps describe themselves:{" "}
            <button
              type="button"
              className="button link"
              disabled={busy}
              onClick={() => void send({ method: "GET", path: "/openapi.json", headers: "", body: "" })}
            >
              list my app&apos;s operations
            </button>{" "}
            (sends GET /openapi.json).
          </p>
        )}
        <FormError message={error} />
        <div aria-live="polite">
          {result && response && <ResponseView result={result} response={response} />}
          {result && !response && <RunResults result={result} heading="Request" />}
        </div>
      </div>
    </details>
  );
}
