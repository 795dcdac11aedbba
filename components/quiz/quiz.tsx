"use client";

import Link from "next/link";
import { useRef, useState, useTransition } from "react";
import { submitQuizAction } from "@/app/learn/[track]/[lesson]/actions";
import { useTrackState } from "@/components/progress/track-state-provider";
import { OrderInput } from "@/components/quiz/order-input";
import { QuizResults } from "@/components/quiz/quiz-results";
import type { AttemptOutcome } from "@/lib/quiz/attempts";
import type { PublicQuestion, PublicQuiz } from "@/lib/quiz/public";
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

export function Quiz({ quiz, lessonHref }: { quiz: PublicQuiz; lessonHref: string }) {
  const { status, state, setQuizStats } = useTrackState();
  const [answers, setAnswers] = useState<Record<string, QuizAnswer>>(() => initialAnswers(quiz));
  const [attemptKey, setAttemptKey] = useState(() => crypto.randomUUID());
  const [outcome, setOutcome] = useState<AttemptOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [unanswered, setUnanswered] = useState<number[]>([]);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const stats = state?.quizzes[quiz.id];

  const setAnswer = (id: string, answer: QuizAnswer) => {
    setAnswers((current) => ({ ...current, [id]: answer }));
    setUnanswered((current) => current.filter((n) => quiz.questions[n - 1]?.id !== id));
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const missing = quiz.questions.flatMap((q, i) => (isAnswered(q, answers[q.id]) ? [] : [i + 1]));
    setUnanswered(missing);
    if (missing.length) {
      formRef.current?.querySelector<HTMLElement>(`#question-${quiz.questions[missing[0] - 1].id} input`)?.focus();
      return;
    }
    startTransition(async () => {
      setError(null);
      const result = await submitQuizAction({ quizId: quiz.id, attemptKey, answers }).catch(() => ({
        ok: false as const,
        error: "We could not reach the server. Your answers are still here: try again.",
      }));
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setOutcome(result.outcome);
      setQuizStats(result.outcome.stats);
    });
  };

  const retake = () => {
    setOutcome(null);
    setAnswers(initialAnswers(quiz));
    setAttemptKey(crypto.randomUUID());
    setError(null);
    formRef.current?.scrollIntoView({ block: "start" });
  };

  return (
    <section className="quiz stack" aria-labelledby="quiz-heading" data-testid="quiz">
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
      <p className="muted small">
        {quiz.questions.length} questions. Score 80% or more to master this lesson; you can retake it as often as you like.
      </p>
      {status === "signed-out" && (
        <p className="alert info">
          <Link href={`/signin?callbackUrl=${encodeURIComponent(lessonHref)}`}>Sign in</Link> to submit your answers and keep your score.
        </p>
      )}

      {outcome ? (
        <QuizResults quiz={quiz} outcome={outcome} onRetake={retake} />
      ) : (
        <form ref={formRef} onSubmit={submit} className="stack" noValidate>
          {quiz.questions.map((question, index) => (
            <fieldset key={question.id} id={`question-${question.id}`} className="card quiz-question"
              aria-invalid={unanswered.includes(index + 1) || undefined}>
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
                <OrderInput items={question.items} value={answers[question.id] as string[]} onChange={(ids) => setAnswer(question.id, ids)} />
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
            message={unanswered.length ? `${unanswered.length === 1 ? "Question" : "Questions"} ${unanswered.join(", ")} ${unanswered.length === 1 ? "is" : "are"} not answered yet.` : null}
          />
          <FormError message={error} />
          <div className="row">
            <button type="submit" className="button primary" disabled={pending}>
              {pending ? "Checking your answers…" : "Submit answers"}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
