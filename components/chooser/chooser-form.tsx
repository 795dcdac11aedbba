"use client";

import Link from "next/link";
import { useRef, useState, useTransition } from "react";
import { submitChooserAction } from "@/lib/actions/chooser";
import type { ActionSuccess } from "@/lib/actions/result";
import { UNREACHABLE_ANSWERS_KEPT, callAction } from "@/lib/client/call-action";
import { ChooserResultView } from "@/components/chooser/chooser-result";
import type { NextSteps } from "@/lib/chooser/next-steps";
import type { ChooserResult } from "@/lib/chooser/scoring";
import type { ChooserQuestion } from "@/lib/content/schema";
import { FormError } from "@/components/ui/form-status";

type ChooserOutcome = { result: ChooserResult; savedId: string | null; next: NextSteps };
type PublicQuestion = Pick<ChooserQuestion, "id" | "prompt" | "help"> & { options: { id: string; label: string }[] };

/**
 * The questionnaire. Skipped questions are named before submitting; the learner may send anyway. With no
 * answer at all there is nothing to recommend on, so the form says so instead of sending (the server
 * also refuses a submission whose answers all count for no framework, and its message is shown here).
 */
export function ChooserForm({ questions, signedIn }: { questions: PublicQuestion[]; signedIn: boolean }) {
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [skipped, setSkipped] = useState<number[] | null>(null);
  const [nothingAnswered, setNothingAnswered] = useState(false);
  const [outcome, setOutcome] = useState<ActionSuccess<ChooserOutcome> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [resultKey, setResultKey] = useState(() => crypto.randomUUID());
  const [pending, startTransition] = useTransition();
  const resultRef = useRef<HTMLDivElement>(null);

  const send = () =>
    startTransition(async () => {
      setError(null);
      const result = await callAction(() => submitChooserAction({ answers, resultKey }), UNREACHABLE_ANSWERS_KEPT);
      if (!result.ok) return setError(result.error ?? null);
      setOutcome(result);
      setTimeout(() => resultRef.current?.scrollIntoView({ behavior: "smooth", block: "start" }), 50);
    });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (Object.keys(answers).length === 0) {
      setNothingAnswered(true);
      return;
    }
    setNothingAnswered(false);
    const missing = questions.flatMap((q, i) => (answers[q.id] ? [] : [i + 1]));
    if (missing.length && skipped === null) {
      setSkipped(missing);
      return;
    }
    send();
  };

  if (outcome) {
    return (
      <div ref={resultRef} className="stack">
        <ChooserResultView result={outcome.result} next={outcome.next} />
        {outcome.savedId ? (
          <p className="alert ok">
            Saved to your history. <Link href={`/chooser/results/${outcome.savedId}`}>Permanent link to this result</Link>.
          </p>
        ) : (
          !signedIn && (
            <p className="alert info" data-testid="chooser-sign-up">
              <Link href="/signup?callbackUrl=/chooser">Create a free account</Link> to save this result and let your quiz and exercise
              record count too.
            </p>
          )
        )}
        <div className="row">
          <button
            type="button"
            className="button"
            onClick={() => {
              setOutcome(null);
              setSkipped(null);
              setResultKey(crypto.randomUUID());
            }}
          >
            Change my answers
          </button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="stack" noValidate>
      {questions.map((question, index) => (
        <fieldset
          key={question.id}
          className="card chooser-question"
          aria-invalid={skipped?.includes(index + 1) && !answers[question.id] ? true : undefined}
        >
          <legend>
            {index + 1}. {question.prompt}
          </legend>
          {question.help && <p className="muted small">{question.help}</p>}
          <div className="chooser-options">
            {question.options.map((option) => (
              <label key={option.id} className="chooser-option">
                <input
                  type="radio"
                  name={question.id}
                  value={option.id}
                  checked={answers[question.id] === option.id}
                  onChange={() => setAnswers((current) => ({ ...current, [question.id]: option.id }))}
                />
                <span>{option.label}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      {skipped && skipped.some((n) => !answers[questions[n - 1].id]) && (
        <p role="alert" className="alert warn">
          You skipped question {skipped.filter((n) => !answers[questions[n - 1].id]).join(", ")}. Skipped questions count for no framework.
          Answer them, or press the button again to see your result anyway.
        </p>
      )}
      {nothingAnswered && Object.keys(answers).length === 0 && (
        <p role="alert" className="alert warn" data-testid="chooser-no-answers">
          No recommendation yet: you have not answered any question. Answer at least the ones about your project, starting with question 1,
          and press the button again.
        </p>
      )}
      <FormError message={error} />
      <div className="row">
        <button type="submit" className="button primary" disabled={pending}>
          {pending ? "Weighing your answers…" : "Recommend a framework"}
        </button>
      </div>
    </form>
  );
}
