import type { TimelineItem } from "@/lib/instructor/learner";
import "./instructor.css";

function When({ at }: { at: Date }) {
  return <time dateTime={at.toISOString()}>{at.toISOString().replace("T", " ").slice(0, 16)} UTC</time>;
}

function Item({ item }: { item: TimelineItem }) {
  switch (item.kind) {
    case "lesson":
      return (
        <>
          <strong>Completed the lesson {item.title}</strong> <When at={item.at} />
        </>
      );
    case "quiz":
      return (
        <details>
          <summary>
            <strong>
              Quiz: {item.title}, {Math.round(item.score * 100)}%
            </strong>{" "}
            <span className={`badge ${item.mastered ? "ok" : "warn"}`}>{item.mastered ? "Mastered" : "Below 80%"}</span>{" "}
            <When at={item.at} />
          </summary>
          <ol>
            {item.answers.map((answer) => (
              <li key={answer.questionId}>
                {answer.prompt}
                <br />
                Answered: {answer.answer || <em>nothing</em>}{" "}
                {answer.correct === null ? null : answer.correct ? (
                  <span className="badge ok">Right</span>
                ) : (
                  <span className="badge bad">Wrong</span>
                )}
              </li>
            ))}
          </ol>
        </details>
      );
    case "submission":
      return (
        <details>
          <summary>
            <strong>Submitted code for {item.title}</strong>{" "}
            <span className={`badge ${item.verdict === "PASS" ? "ok" : "bad"}`}>
              Server verdict: {item.verdict} ({item.passedCount}/{item.checkCount} checks)
            </span>{" "}
            <When at={item.at} />
          </summary>
          {item.message && <p>{item.message}</p>}
          {item.checks.length > 0 && (
            <ul>
              {item.checks.map((check, index) => (
                <li key={index}>
                  {check.status}: {check.title}
                  {check.message ? ` (${check.message})` : ""}
                </li>
              ))}
            </ul>
          )}
          <pre>
            <code>{item.code}</code>
          </pre>
        </details>
      );
    case "project":
      return (
        <>
          <strong>Started the project {item.title}</strong>
          {item.repoUrl ? <> (repository: {item.repoUrl})</> : null} <When at={item.at} />
        </>
      );
    case "milestone":
      return (
        <>
          <strong>
            {item.title}: {item.milestone}
          </strong>{" "}
          <When at={item.at} />
        </>
      );
    case "chooser":
      return (
        <>
          <strong>Chooser recommended {item.recommendation}</strong> {item.summary && <span className="muted">{item.summary}</span>}{" "}
          <When at={item.at} />
        </>
      );
  }
}

export function Timeline({ items }: { items: TimelineItem[] }) {
  if (items.length === 0) return <p className="empty">Nothing recorded yet.</p>;
  return (
    <ol className="timeline" data-testid="learner-timeline">
      {items.map((item) => (
        <li key={`${item.kind}-${item.id}`}>
          <Item item={item} />
        </li>
      ))}
    </ol>
  );
}
