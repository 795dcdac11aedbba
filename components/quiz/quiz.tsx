"use client";

import Link from "next/link";
import { useEffect, useRef, useState, useTransition } from "react";
import { startQuizAction, submitQuizAction } from "@/lib/actions/learn";
import type { ActionResult } from "@/lib/actions/result";
import { UNREACHABLE_ANSWERS_KEPT, callAction } from "@/lib/client/call-action";
import { useTrackState } from "@/components/progress/track-state-provider";
import { OrderInput } from "@/components/quiz/order-input";
import { QuizResults } from "@/components/quiz/quiz-results";
import type { AttemptOutcome, StartedAttempt } from "@/lib/quiz/attempts";
import type { PublicQuestion, PublicQuiz, QuizSummary } from "@/lib/quiz/public";
import { REVEAL_AFTER_ATTEMPTS } from "@/lib/quiz/reveal";
import type { QuizAnswer } from "@/lib/schemas/quiz";
import { FormError } from "@/components/ui/form-status";
import "./quiz.css";

function initialAnswers(quiz: PublicQuiz): Record<string, QuizAnswer> {
  // Ordering questions start in their shuffled order, which is itself an answer.
  return Object.fromEntries(
    quiz.questions.filter((q) => q.type === "order").map((q) => [q.id, q.type === "order" ? q.items.map((item) => item.id) : []]),
  );
}

function isAnswered(question: PublicQuestion, answer: QuizAnswer | undefined): boolean {
  if (answer === undefined) return false;
  return Array.isArray(answer) ? answer.length > 0 : answer !== "";
}

const ORDINALS = ["first", "second", "third", "fourth", "fifth"];

/**
 * The lesson's quiz. The static page knows only its sizes; the questions come from the server with
 * the learner's open attempt (drawn from the bank, options in that attempt's order), so a reload
 * shows the same attempt and nothing about the answers is in the page.
 */
export function Quiz({ quiz: summary, lessonHref }: { quiz: QuizSummary; lessonHref: string }) {
  const { status, state, setQuizStats } = useTrackState();
  const signedIn = status === "ready" || status === "error";
  const [attempt, setAttempt] = useState<StartedAttempt | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Record<string, QuizAnswer>>({});
  const [outcome, setOutcome] = useState<AttemptOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [unanswered, setUnanswered] = useState<number[]>([]);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const stats = state?.quizzes[summary.id];
  const quiz = attempt?.quiz;

  /** Shows the attempt the server opened, or why it could not. */
  const applyStart = (result: ActionResult<{ attempt: StartedAttempt }>) => {
    if (!result.ok) return setOpenError(result.error ?? null);
    setAttempt(result.attempt);
    setAnswers(initialAnswers(result.attempt.quiz));
    setUnanswered([]);
    setError(null);
  };
  const requestStart = () => callAction(() => startQuizAction({ quizId: summary.id }));

  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    // The server keeps one open attempt per learner and quiz, so a second call (strict mode) gets the same one.
    void requestStart().then((result) => live && applyStart(result));
    return () => {
      live = false;
    };
    // Opened once per sign-in; a retake opens the next attempt itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, summary.id]);

  /** Opens the next attempt (after a submission) or tries again after an error. */
  const reopen = () => {
    setOpenError(null);
    void requestStart().then(applyStart);
  };

  const setAnswer = (id: string, answer: QuizAnswer) => {
    setAnswers((current) => ({ ...current, [id]: answer }));
    setUnanswered((current) => current.filter((n) => quiz?.questions[n - 1]?.id !== id));
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!attempt || !quiz) return;
    const missing = quiz.questions.flatMap((q, i) => (isAnswered(q, answers[q.id]) ? [] : [i + 1]));
    setUnanswered(missing);
    if (missing.length) {
      formRef.current?.querySelector<HTMLElement>(`#question-${quiz.questions[missing[0] - 1].id} input`)?.focus();
      return;
    }
    startTransition(async () => {
      setError(null);
      const result = await callAction(
        () => submitQuizAction({ quizId: quiz.id, attemptKey: attempt.attemptKey, answers }),
        UNREACHABLE_ANSWERS_KEPT,
      );
      if (!result.ok) {
        setError(result.error ?? null);
        return;
      }
      setOutcome(result.outcome);
      setQuizStats(result.outcome.stats);
    });
  };

  const retake = () => {
    setOutcome(null);
    setAttempt(null);
    setAnswers({});
    setError(null);
    sectionRef.current?.scrollIntoView({ block: "start" });
    reopen();
  };

  const drawn = summary.bankSize > summary.drawSize;
  return (
    <section ref={sectionRef} className="quiz stack" aria-labelledby="quiz-heading" data-testid="quiz">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="quiz-heading">Check your understanding</h2>
        {stats && (
          <p className="row small" data-testid="quiz-stats">
            <span>Best score {Math.round(stats.best * 100)}%</span>
            <span>
              · {stats.attempts} attempt{stats.attempts === 1 ? "" : "s"}
            </span>
            {stats.mastered ? <span className="badge ok">Mastered</span> : <span className="badge warn">Needs review</span>}
          </p>
        )}
      </div>
      <p className="muted small" data-testid="quiz-about">
        {summary.drawSize} questions
        {drawn && `, drawn from a bank of ${summary.bankSize}: a retake asks a different mix`}. Score 80% or more to master this lesson; you
        can retake it as often as you like. After each attempt you see why for every question; the right answer is shown for the questions
        you got right, and for all of them once you master the quiz or after your {ORDINALS[REVEAL_AFTER_ATTEMPTS - 1]} attempt.
      </p>
      {status === "signed-out" && (
        <p className="alert info">
          <Link href={`/signin?callbackUrl=${encodeURIComponent(lessonHref)}`}>Sign in</Link> to take the quiz and keep your score.
        </p>
      )}
      {status === "loading" && <p className="muted">Loading the quiz…</p>}
      {signedIn && !quiz && !outcome && (
        <div className="stack">
          {!openError && (
            <p className="muted" role="status">
              Drawing your questions…
            </p>
          )}
          <FormError message={openError} />
          {openError && (
            <div className="row">
              <button type="button" className="button" onClick={reopen}>
                Try again
              </button>
            </div>
          )}
        </div>
      )}

      {outcome && quiz ? (
        <QuizResults quiz={quiz} outcome={outcome} onRetake={retake} />
      ) : (
        quiz && (
          <form ref={formRef} onSubmit={submit} className="stack" noValidate data-attempt={attempt?.attemptKey}>
            {quiz.questions.map((question, index) => (
              <fieldset
                key={question.id}
                id={`question-${question.id}`}
                className="card quiz-question"
                aria-invalid={unanswered.includes(index + 1) || undefined}
              >
                <legend>
                  <span className="muted small">
                    Question {index + 1} of {quiz.questions.length}
                    {question.type === "multiple" && " · choose all that apply"}
                    {question.type === "order" && " · put in order"}
                  </span>
                  <span className="quiz-prompt" dangerouslySetInnerHTML={{ __html: question.promptHtml }} />
                </legend>
                {question.type === "output" && <div className="code-block" dangerouslySetInnerHTML={{ __html: question.codeHtml }} />}
                {question.type === "order" ? (
                  <OrderInput
                    items={question.items}
                    value={answers[question.id] as string[]}
                    onChange={(ids) => setAnswer(question.id, ids)}
                  />
                ) : (
                  <div className="quiz-options">
                    {question.options.map((option) => {
                      const multiple = question.type === "multiple";
                      const current = answers[question.id];
                      const checked = multiple ? ((current as string[] | undefined) ?? []).includes(option.id) : current === option.id;
                      return (
                        <label key={option.id} className="quiz-option">
                          <input
                            type={multiple ? "checkbox" : "radio"}
                            name={`${quiz.id}-${question.id}`}
                            value={option.id}
                            checked={checked}
                            onChange={(event) => {
                              if (!multiple) return setAnswer(question.id, option.id);
                              const set = new Set((current as string[] | undefined) ?? []);
                              if (event.target.checked) set.add(option.id);
                              else set.delete(option.id);
                              setAnswer(question.id, [...set]);
                            }}
                          />
                          <span dangerouslySetInnerHTML={{ __html: option.html }} />
                        </label>
                      );
                    })}
                  </div>
                )}
                {unanswered.includes(index + 1) && <p className="field-error">Answer this question before submitting.</p>}
              </fieldset>
            ))}
            <FormError
              message={
                unanswered.length
                  ? `${unanswered.length === 1 ? "Question" : "Questions"} ${unanswered.join(", ")} ${unanswered.length === 1 ? "is" : "are"} not answered yet.`
                  : null
              }
            />
            <FormError message={error} />
            <div className="row">
              <button type="submit" className="button primary" disabled={pending}>
                {pending ? "Checking your answers…" : "Submit answers"}
              </button>
            </div>
          </form>
        )
      )}
    </section>
  );
}
