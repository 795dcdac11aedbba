import "server-only";
import { createHash } from "node:crypto";
import type { Quiz } from "@/lib/content/load";
import { highlightCode, renderInline } from "@/lib/content/markdown";

// What the browser receives before a quiz is submitted: prompts and options rendered to HTML,
// with no answers and no explanations. Ordering items arrive shuffled.

type Option = { id: string; html: string };

export type PublicQuestion =
  | { id: string; type: "single" | "multiple"; promptHtml: string; options: Option[] }
  | { id: string; type: "output"; promptHtml: string; codeHtml: string; options: Option[] }
  | { id: string; type: "order"; promptHtml: string; items: Option[] };

export interface PublicQuiz {
  id: string;
  lessonId: string;
  version: string;
  questions: PublicQuestion[];
}

/** A deterministic shuffle (same order on every build) that never returns the original order. */
export function shuffleStable<T>(items: T[], seed: string): T[] {
  const bytes = createHash("sha256").update(seed).digest();
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = bytes[i % bytes.length] % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  if (out.length > 1 && out.every((item, index) => item === items[index])) out.push(out.shift()!);
  return out;
}

export async function toPublicQuiz(quiz: Quiz): Promise<PublicQuiz> {
  const render = (options: { id: string; text: string }[]): Option[] =>
    options.map((option) => ({ id: option.id, html: renderInline(option.text) }));
  const questions = await Promise.all(
    quiz.questions.map(async (question): Promise<PublicQuestion> => {
      const promptHtml = renderInline(question.prompt);
      switch (question.type) {
        case "single":
        case "multiple":
          return { id: question.id, type: question.type, promptHtml, options: render(question.options) };
        case "output":
          return {
            id: question.id,
            type: "output",
            promptHtml,
            codeHtml: await highlightCode(question.code, question.language),
            options: render(question.options),
          };
        case "order":
          return { id: question.id, type: "order", promptHtml, items: render(shuffleStable(question.items, `${quiz.id}/${question.id}`)) };
      }
    }),
  );
  return { id: quiz.id, lessonId: quiz.lessonId, version: quiz.version, questions };
}
