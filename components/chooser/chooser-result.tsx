import Link from "next/link";
import { rankFrameworks, type ChooserResult, type Evidence } from "@/lib/chooser/scoring";
import type { NextSteps } from "@/lib/chooser/next-steps";
import { FRAMEWORK_NAMES } from "@/lib/content/schema";
import "./chooser.css";

function points(n: number): string {
  return `${n} ${n === 1 ? "point" : "points"}`;
}

/**
 * The label in words. It comes from the answers' lead alone; when the record decided a close call or a tie,
 * say so. Results saved before the calibration lack the lead and the margin: say less.
 */
function confidenceText(result: ChooserResult): string {
  const answerRanking = rankFrameworks(result.answerScores);
  const leader = FRAMEWORK_NAMES[answerRanking[0]];
  const runnerUp = FRAMEWORK_NAMES[result.tippedByRecord ? answerRanking[1] : result.ranking[1]];
  const known = result.lead !== undefined && result.clearLead !== undefined;
  switch (result.confidence) {
    case "clear":
      return known
        ? `A clear lead: ${points(result.lead!)} ahead of ${runnerUp} on your answers (a lead of ${points(result.clearLead!)} or more counts as clear).`
        : "A clear lead.";
    case "close":
      if (result.tippedByRecord) {
        return known
          ? `Close, tipped by your record: on your answers alone ${leader} led ${runnerUp} by only ${points(result.lead!)}, less than the ${points(result.clearLead!)} that count as a clear lead, and your record decided. Read the reasons below before you decide.`
          : "Close, tipped by your record: your answers nearly fit another framework as well, and your record decided. Read the reasons below.";
      }
      return known
        ? `A close call: ${runnerUp} is only ${points(result.lead!)} behind on your answers, less than the ${points(result.clearLead!)} that count as a clear lead, so read the reasons below before you decide.`
        : "A close call: the runner-up is nearly as good a fit, so read the reasons below.";
    case "tie":
      return result.tippedByRecord
        ? "A tie, broken by your record: your answers fit more than one framework equally well, and your record decided. Either is a sound choice; the reasons below show the trade-off."
        : "A tie: your answers fit more than one framework equally well. Either is a sound choice; the reasons below show the trade-off.";
  }
}

/** What the record may do, and whether it changed this result. */
function recordText(result: ChooserResult): string | null {
  if (result.recordCap === undefined || result.clearLead === undefined) return null;
  const rule = `Your record adds at most ${points(result.recordCap)} to a framework, less than the ${points(result.clearLead)} lead that counts as clear, so it can tip a close call or a tie but never overturn a clear lead from your answers.`;
  if (!result.recordEvidence.length || !result.answerRecommendation) return rule;
  if (result.confidence === "tie" && result.tippedByRecord) return `${rule} Here it did: it broke the tie in your answers.`;
  return result.answerRecommendation !== result.recommendation
    ? `${rule} Here it did: on your answers alone, ${FRAMEWORK_NAMES[result.answerRecommendation]} was ahead.`
    : `${rule} Here it did not change the pick.`;
}

function EvidenceList({ items, empty }: { items: Evidence[]; empty: string }) {
  if (!items.length) return <p className="muted small">{empty}</p>;
  return (
    <ul className="evidence">
      {items.map((item, i) => (
        <li key={i}>
          <span className={`weight ${item.weight > 0 ? "plus" : "minus"}`}>
            {item.weight > 0 ? "+" : ""}
            {item.weight}
          </span>{" "}
          {item.reason}
        </li>
      ))}
    </ul>
  );
}

/** A chooser result: scores, the pick and its confidence, reasons per framework, record, next steps. */
export function ChooserResultView({ result, next }: { result: ChooserResult; next?: NextSteps }) {
  const top = Math.max(...Object.values(result.scores).map(Math.abs), 1);
  return (
    <div className="stack" data-testid="chooser-result" data-recommendation={result.recommendation}>
      <div className="card stack" style={{ borderTop: `5px solid var(--${result.recommendation})` }}>
        <h2 style={{ margin: 0 }}>
          We recommend <span data-testid="recommendation">{FRAMEWORK_NAMES[result.recommendation]}</span>
        </h2>
        <p className="muted" style={{ margin: 0 }} data-testid="confidence">
          {confidenceText(result)}
        </p>
        <div className="stack" aria-label="Scores">
          {result.ranking.map((framework) => (
            <div key={framework} className="score-row">
              <span className="score-name">{FRAMEWORK_NAMES[framework]}</span>
              <span className="score-bar" aria-hidden="true">
                <span style={{ width: `${Math.max(0, (result.scores[framework] / top) * 100)}%`, background: `var(--${framework})` }} />
              </span>
              <span className="score-points">
                {result.scores[framework]} points
                <span className="muted small">
                  {" "}
                  ({result.answerScores[framework]} from answers, {result.recordScores[framework]} from your record)
                </span>
              </span>
            </div>
          ))}
        </div>
        {result.unanswered.length > 0 && (
          <p className="small muted">You skipped {result.unanswered.length} question(s); they count for no framework.</p>
        )}
      </div>

      {result.neutral && result.neutral.length > 0 && (
        <section className="card stack" aria-labelledby="neutral-heading" data-testid="chooser-neutral">
          <h3 id="neutral-heading" style={{ margin: 0 }}>
            Answers that count for no framework
          </h3>
          <ul className="evidence">
            {result.neutral.map((answer) => (
              <li key={answer.questionId}>
                <strong>{answer.label}:</strong> {answer.note}
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="grid">
        {result.ranking.map((framework) => (
          <section key={framework} className="card stack" aria-labelledby={`why-${framework}`}>
            <h3 id={`why-${framework}`} style={{ margin: 0 }}>
              {FRAMEWORK_NAMES[framework]}
            </h3>
            <p className="label" style={{ margin: 0 }}>
              For
            </p>
            <EvidenceList items={result.reasons[framework].for} empty="Nothing in your answers points to it." />
            <p className="label" style={{ margin: 0 }}>
              Against
            </p>
            <EvidenceList items={result.reasons[framework].against} empty="Nothing in your answers counts against it." />
          </section>
        ))}
      </div>

      <section className="card stack" aria-labelledby="record-heading">
        <h3 id="record-heading" style={{ margin: 0 }}>
          What your own record adds
        </h3>
        <EvidenceList
          items={result.recordEvidence}
          empty="Nothing yet: quizzes you master and exercises you solve in a track add evidence for that framework."
        />
        {recordText(result) && (
          <p className="small muted" style={{ margin: 0 }} data-testid="record-cap">
            {recordText(result)}
          </p>
        )}
      </section>

      {next && (
        <section className="card stack" aria-labelledby="next-heading">
          <h3 id="next-heading" style={{ margin: 0 }}>
            Next in {FRAMEWORK_NAMES[result.recommendation]}
          </h3>
          {next.lessons.length > 0 ? (
            <ul>
              {next.lessons.map((lesson) => (
                <li key={lesson.id}>
                  <Link href={lesson.href}>{lesson.title}</Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">You have completed every lesson in this track.</p>
          )}
          <p className="label" style={{ margin: 0 }}>
            Project ideas
          </p>
          <ul>
            {next.projects.map((project) => (
              <li key={project.id}>
                <Link href={project.href}>{project.title}</Link> <span className="badge">{project.difficulty}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
