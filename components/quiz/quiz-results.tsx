"use client";

import { useEffect, useRef } from "react";
import type { AttemptOutcome } from "@/lib/quiz/attempts";
import type { PublicQuiz } from "@/lib/quiz/public";

function optionsOf(question: PublicQuiz["questions"][number]) {
  return new Map((question.type === "order" ? question.items : question.options).map((option) => [option.id, option.html]));
}

function AnswerList({ ids, html, ordered }: { ids: string | string[]; html: Map<string, string>; ordered: boolean }) {
  const list = Array.isArray(ids) ? ids : [ids];
  const Tag = ordered ? "ol" : "ul";
  return (
    <Tag className="quiz-answer-list">
      {list.map((id) => (
        <li key={id} dangerouslySetInnerHTML={{ __html: html.get(id) ?? id }} />
      ))}
    </Tag>
  );
}

export function QuizResults({ quiz, outcome, onRetake }: { quiz: PublicQuiz; outcome: AttemptOutcome; onRetake(): void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const percent = Math.round(outcome.score * 100);
  return (
    <div className="stack" data-testid="quiz-results">
      <div className={`alert ${outcome.mastered ? "ok" : "warn"}`}>
        <h3 ref={headingRef} tabIndex={-1} style={{ margin: 0 }}>
          You scored {percent}%: {outcome.correctCount} of {outcome.questionCount} fully right.
        </h3>
        <p style={{ margin: "0.25rem 0 0" }}>
          {outcome.mastered
            ? "Mastered. Well done: this lesson counts as mastered on your dashboard."
            : "80% masters this quiz. Read the explanations below, then retake it: a retake draws a different mix of questions where it can."}
        </p>
        <p style={{ margin: "0.25rem 0 0" }} data-testid="quiz-reveal">
          {outcome.reveal.all
            ? "Every right answer is shown below."
            : `Right answers are shown for the questions you got right. The others show once you master this quiz, or after ${outcome.reveal.attemptsLeft} more attempt${outcome.reveal.attemptsLeft === 1 ? "" : "s"}.`}
        </p>
      </div>
      <ol className="stack" style={{ listStyle: "none", padding: 0 }}>
        {outcome.feedback.map((item, index) => {
          const question = quiz.questions.find((q) => q.id === item.questionId);
          if (!question) return null;
          const html = optionsOf(question);
          const ordered = question.type === "order";
          return (
            <li
              key={item.questionId}
              className={`card quiz-feedback ${item.correct ? "right" : "wrong"}`}
              data-testid={`feedback-${item.questionId}`}
            >
              <p className="row" style={{ margin: 0 }}>
                <span className={`badge ${item.correct ? "ok" : item.credit > 0 ? "warn" : "bad"}`}>
                  {item.correct ? "Right" : item.credit > 0 ? `Partly right (${Math.round(item.credit * 100)}%)` : "Not quite"}
                </span>
                <strong>Question {index + 1}</strong>
              </p>
              <div dangerouslySetInnerHTML={{ __html: question.promptHtml }} />
              {!item.correct && (
                <div className="quiz-answers">
                  <div>
                    <p className="label">Your answer</p>
                    <AnswerList ids={item.yourAnswer} html={html} ordered={ordered} />
                  </div>
                  <div>
                    <p className="label">Right answer</p>
                    {item.correctAnswer !== undefined ? (
                      <AnswerList ids={item.correctAnswer} html={html} ordered={ordered} />
                    ) : (
                      <p className="muted small" style={{ margin: 0 }}>
                        Not shown yet: read why below, then try it again on a retake.
                      </p>
                    )}
                  </div>
                </div>
              )}
              <div className="quiz-explanation">
                <p className="label">Why</p>
                <p dangerouslySetInnerHTML={{ __html: item.explanationHtml }} />
              </div>
            </li>
          );
        })}
      </ol>
      <div className="row">
        <button type="button" className="button primary" onClick={onRetake}>
          Retake the quiz
        </button>
      </div>
    </div>
  );
}
