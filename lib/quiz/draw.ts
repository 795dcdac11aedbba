import { createHash, randomBytes } from "node:crypto";
import type { Question } from "@/lib/content/schema";

// Pure draw and shuffle rules for quiz attempts: everything follows from a seed, so the server can
// rebuild an attempt exactly (a reload shows the same questions in the same order) from the seed and
// the drawn question ids it stored. See docs/decisions/0011-quiz-banks-and-reveal.md.

/** How many questions one attempt asks. A bank of this many or fewer is asked whole. */
export const DRAW_SIZE = 5;

/** A fresh seed for a new attempt: 128 random bits as hex. */
export function randomSeed(): string {
  return randomBytes(16).toString("hex");
}

/** A deterministic stream of 32-bit integers from a seed (SHA-256 in counter mode). */
export function seededIntegers(seed: string): () => number {
  let block = Buffer.alloc(0);
  let offset = 0;
  let counter = 0;
  return () => {
    if (offset + 4 > block.length) {
      block = createHash("sha256").update(`${seed}#${counter++}`).digest();
      offset = 0;
    }
    const value = block.readUInt32BE(offset);
    offset += 4;
    return value;
  };
}

/** A Fisher-Yates shuffle driven by the seed: the same seed gives the same order, every time. */
export function shuffleSeeded<T>(items: readonly T[], seed: string): T[] {
  const next = seededIntegers(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The order an attempt shows a question's options (single, multiple, output) or steps (order).
 * Steps never come back in their right order, or the question would start answered.
 */
export function orderChoices<T extends { id: string }>(question: Question, choices: readonly T[], seed: string): T[] {
  const out = shuffleSeeded(choices, `${seed}/${question.id}`);
  if (question.type === "order" && out.length > 1 && out.every((item, index) => item.id === choices[index].id)) {
    out.push(out.shift()!);
  }
  return out;
}

/**
 * Draws the questions for one attempt from a bank, returned in the bank's order.
 *
 * 1. Coverage: one question for each objective the bank covers (objectives in a seeded random order,
 *    so with more objectives than slots each attempt covers a different subset).
 * 2. Variety: then questions the previous attempt did not ask, spread round-robin across objectives.
 * 3. Fill: then any remaining question, round-robin across objectives.
 * Within an objective, questions the previous attempt did not ask come first, in a seeded random
 * order. Questions without an `objective` form one group of their own.
 */
export function drawQuestions(bank: readonly Question[], seed: string, previousIds: readonly string[] = [], size = DRAW_SIZE): Question[] {
  if (bank.length <= size) return [...bank];
  const previous = new Set(previousIds);
  const groups = new Map<string, Question[]>();
  for (const question of bank) {
    const key = question.objective === undefined ? "none" : String(question.objective);
    groups.set(key, [...(groups.get(key) ?? []), question]);
  }
  const queues = shuffleSeeded([...groups.keys()].sort(), `${seed}/objectives`).map((key) => {
    const questions = shuffleSeeded(groups.get(key)!, `${seed}/objective/${key}`);
    return [...questions.filter((q) => !previous.has(q.id)), ...questions.filter((q) => previous.has(q.id))];
  });

  const chosen = new Set<string>();
  const take = (queue: Question[], onlyFresh: boolean): boolean => {
    const question = queue.find((q) => !chosen.has(q.id) && (!onlyFresh || !previous.has(q.id)));
    if (!question || chosen.size >= size) return false;
    chosen.add(question.id);
    return true;
  };
  for (const queue of queues) take(queue, false);
  for (const onlyFresh of [true, false]) {
    let progress = true;
    while (chosen.size < size && progress) {
      progress = false;
      for (const queue of queues) progress = take(queue, onlyFresh) || progress;
    }
  }
  return bank.filter((question) => chosen.has(question.id));
}
