"use client";

import { useTrackState } from "@/components/progress/track-state-provider";

/** Quiz mastery and exercise verdict for one lesson row on the track page. */
export function LessonBadges({ quizId, exerciseId }: { quizId?: string; exerciseId?: string }) {
  const { state } = useTrackState();
  const quiz = quizId ? state?.quizzes[quizId] : undefined;
  const exercise = exerciseId ? state?.exercises[exerciseId] : undefined;
  return (
    <>
      {quiz &&
        (quiz.mastered ? (
          <span className="badge ok">Quiz mastered · best {Math.round(quiz.best * 100)}%</span>
        ) : (
          <span className="badge warn" data-testid="needs-review">
            Needs review · best {Math.round(quiz.best * 100)}% in {quiz.attempts} attempt{quiz.attempts === 1 ? "" : "s"}
          </span>
        ))}
      {exercise &&
        (exercise.solved ? <span className="badge ok">Exercise solved</span> : <span className="badge warn">Exercise not solved yet</span>)}
    </>
  );
}
