import "server-only";
import type { Quiz } from "@/lib/content/load";
import type { Question } from "@/lib/content/schema";
import { highlightCode, renderInline } from "@/lib/content/markdown";
import { DRAW_SIZE, orderChoices } from "@/lib/quiz/draw";

// What the browser receives. The static lesson page gets only a summary (no questions at all); a
// started attempt gets its drawn questions with prompts and options rendered to HTML, in the order the
// attempt's seed gives, with no answers and no explanations.

type Option = { id: string; html: string };

export type PublicQuestion =
  | { id: string; type: "single" | "multiple"; promptHtml: string; options: Option[] }
  | { id: string; type: "output"; promptHtml: string; codeHtml: string; options: Option[] }
  | { id: string; type: "order"; promptHtml: string; items: Option[] };

/** The questions of one started attempt. */
export interface PublicQuiz {
  id: string;
  lessonId: string;
  version: string;
  questions: PublicQuestion[];
}

/** What the prerendered lesson page knows about its quiz: sizes only. */
export interface QuizSummary {
  id: string;
  lessonId: string;
  /** Questions in the bank. */
  bankSize: number;
  /** Questions one attempt asks. */
  drawSize: number;
}

export function toQuizSummary(quiz: Quiz): QuizSummary {
  return { id: quiz.id, lessonId: quiz.lessonId, bankSize: quiz.questions.length, drawSize: Math.min(DRAW_SIZE, quiz.questions.length) };
}

/** The drawn questions of an attempt, options (or steps) in the order its seed gives. */
export async function toPublicQuiz(quiz: Quiz, questions: Question[], seed: string): Promise<PublicQuiz> {
  const render = (question: Question, options: { id: string; text: string }[]): Option[] =>
    orderChoices(question, options, seed).map((option) => ({ id: option.id, html: renderInline(option.text) }));
  const out = await Promise.all(
    questions.map(async (question): Promise<PublicQuestion> => {
      const promptHtml = renderInline(question.prompt);
      switch (question.type) {
        case "single":
        case "multiple":
          return { id: question.id, type: question.type, promptHtml, options: render(question, question.options) };
        case "output":
          return {
            id: question.id,
            type: "output",
            promptHtml,
            codeHtml: await highlightCode(question.code, question.language),
            options: render(question, question.options),
          };
        case "order":
          return { id: question.id, type: "order", promptHtml, items: render(question, question.items) };
      }
    }),
  );
  return { id: quiz.id, lessonId: quiz.lessonId, version: quiz.version, questions: out };
}
