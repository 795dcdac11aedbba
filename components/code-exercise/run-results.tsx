import type { RunHint, RunResult } from "@/lib/runner/types";

const STATUS_TEXT: Record<RunResult["status"], string> = {
  pass: "All checks pass",
  fail: "Some checks fail",
  error: "Your code raised an error",
  timeout: "Stopped: it ran too long",
  limit: "Stopped: it hit a limit",
  unavailable: "The runner is not available",
};

/** A hint's text with its `code` spans shown as code (plain text otherwise: never HTML). */
function HintText({ text }: { text: string }) {
  return <>{text.split("`").map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part))}</>;
}

/** Hints from the static analysis of the learner's code, shown above the checks when a run does not pass. */
function RunHints({ hints }: { hints: RunHint[] }) {
  return (
    <aside className="run-hints" aria-label="Likely mistakes in your code" data-testid="run-hints">
      <strong>Likely mistakes in your code</strong>
      <ul>
        {hints.map((hint) => (
          <li key={`${hint.rule}:${hint.line ?? 0}`} data-testid="run-hint" data-rule={hint.rule}>
            {hint.line !== null && <span className="run-hint-line">Line {hint.line}: </span>}
            <HintText text={hint.message} />
          </li>
        ))}
      </ul>
    </aside>
  );
}

/** One run's outcome: a summary, then each check with its message, the request it sent, what it expected and what came back. */
export function RunResults({ result, heading }: { result: RunResult; heading: string }) {
  const passed = result.checks.filter((check) => check.status === "pass").length;
  const good = result.status === "pass";
  const hints = good ? [] : (result.hints ?? []).filter((hint) => typeof hint?.message === "string").slice(0, 5);
  return (
    <section className="run-results stack" aria-label={heading} data-testid="run-results" data-status={result.status}>
      <div className={`alert ${good ? "ok" : result.status === "fail" ? "warn" : "error"}`}>
        <strong>
          {heading}: {STATUS_TEXT[result.status]}
        </strong>
        {result.checks.length > 0 && (
          <span>
            {" "}
            · {passed} of {result.checks.length} checks pass
          </span>
        )}
        <span className="muted small">
          {" "}
          · {result.engine === "browser" ? "ran in your browser" : "ran on the server"} in {(result.durationMs / 1000).toFixed(1)} s
        </span>
        {result.message && <p style={{ margin: "0.4rem 0 0" }}>{result.message}</p>}
      </div>
      {result.traceback && <pre className="traceback">{result.traceback}</pre>}
      {hints.length > 0 && <RunHints hints={hints} />}
      {result.output && (
        <details open>
          <summary>What your code printed</summary>
          <pre className="output">{result.output}</pre>
        </details>
      )}
      {result.checks.length > 0 && (
        <ol className="checks">
          {result.checks.map((check) => (
            <li key={check.name} className={`check ${check.status}`} data-testid="check" data-status={check.status}>
              <span className="check-icon" aria-hidden="true">
                {check.status === "pass" ? "✓" : check.status === "fail" ? "✗" : "!"}
              </span>
              <div className="stack" style={{ gap: "0.3rem", minWidth: 0 }}>
                <span>
                  <span className="visually-hidden">
                    {check.status === "pass" ? "Passed: " : check.status === "fail" ? "Failed: " : "Error: "}
                  </span>
                  {check.title}
                </span>
                {check.message && <span className="check-message">{check.message}</span>}
                {check.status !== "pass" && (check.request || check.expected || check.actual) && (
                  <dl className="check-exchange" data-testid="check-exchange">
                    {check.request && (
                      <>
                        <dt>Request</dt>
                        <dd>
                          <code>{check.request}</code>
                        </dd>
                      </>
                    )}
                    {check.expected && (
                      <>
                        <dt>Expected</dt>
                        <dd>
                          <pre className="output">{check.expected}</pre>
                        </dd>
                      </>
                    )}
                    {check.actual && (
                      <>
                        <dt>Your app answered</dt>
                        <dd>
                          <pre className="output">{check.actual}</pre>
                        </dd>
                      </>
                    )}
                  </dl>
                )}
                {check.output && <pre className="output">{check.output}</pre>}
                {check.traceback && <pre className="traceback">{check.traceback}</pre>}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
