import { describe, expect, it } from "vitest";
import type { Question } from "@/lib/content/schema";
import { DRAW_SIZE, drawQuestions, orderChoices, shuffleSeeded } from "@/lib/quiz/draw";

const options = ["a", "b", "c", "d"].map((id) => ({ id, text: id.toUpperCase() }));
function single(id: string, objective?: number): Question {
  return { id, type: "single", prompt: "p", explanation: "e", options, answer: "a", ...(objective ? { objective } : {}) };
}
const order: Question = {
  id: "steps",
  type: "order",
  prompt: "p",
  explanation: "e",
  items: ["x", "y", "z"].map((id) => ({ id, text: id })),
};
/** Nine questions: objective 1 has four, objective 2 three, objective 3 two. */
const bank = [1, 1, 1, 1, 2, 2, 2, 3, 3].map((objective, i) => single(`q${i + 1}`, objective));
const objectiveOf = (id: string) => bank.find((q) => q.id === id)!.objective;
const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe("shuffleSeeded", () => {
  it("gives the same order for the same seed and a permutation of the input", () => {
    const items = Array.from({ length: 8 }, (_, i) => i);
    expect(shuffleSeeded(items, "s1")).toEqual(shuffleSeeded(items, "s1"));
    expect([...shuffleSeeded(items, "s1")].sort()).toEqual(items);
    expect(shuffleSeeded(items, "s1")).not.toEqual(shuffleSeeded(items, "s2"));
  });

  it("puts every option first about equally often over many seeds", () => {
    const first = new Map<string, number>();
    for (let n = 0; n < 4000; n++) {
      const id = shuffleSeeded(options, `seed-${n}`)[0].id;
      first.set(id, (first.get(id) ?? 0) + 1);
    }
    for (const option of options) expect(first.get(option.id)! / 4000).toBeGreaterThan(0.21);
  });
});

describe("orderChoices", () => {
  it("never shows ordering steps already in their right order", () => {
    for (let n = 0; n < 200; n++) {
      expect(ids(orderChoices(order, order.type === "order" ? order.items : [], `seed-${n}`))).not.toEqual(["x", "y", "z"]);
    }
  });

  it("shuffles the options of each question on its own, from the attempt's seed", () => {
    const a = single("one");
    const b = single("two");
    expect(orderChoices(a, options, "seed")).toEqual(orderChoices(a, options, "seed"));
    const differs = Array.from(
      { length: 20 },
      (_, n) => ids(orderChoices(a, options, `s${n}`)).join() !== ids(orderChoices(b, options, `s${n}`)).join(),
    );
    expect(differs.some(Boolean)).toBe(true);
  });
});

describe("drawQuestions", () => {
  it("asks a bank of five or fewer whole, in the file's order", () => {
    const small = bank.slice(0, DRAW_SIZE);
    expect(ids(drawQuestions(small, "seed"))).toEqual(ids(small));
  });

  it("draws five questions in the bank's order, covering every objective", () => {
    for (let n = 0; n < 50; n++) {
      const drawn = ids(drawQuestions(bank, `seed-${n}`));
      expect(drawn).toHaveLength(DRAW_SIZE);
      expect(drawn).toEqual(ids(bank).filter((id) => drawn.includes(id)));
      expect(new Set(drawn.map(objectiveOf))).toEqual(new Set([1, 2, 3]));
    }
  });

  it("spreads the draw round-robin: no objective gets a third question before each has two", () => {
    for (let n = 0; n < 50; n++) {
      const counts = [1, 2, 3].map(
        (objective) => ids(drawQuestions(bank, `seed-${n}`)).filter((id) => objectiveOf(id) === objective).length,
      );
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
  });

  it("is the same for the same seed and varies with the seed", () => {
    expect(drawQuestions(bank, "same")).toEqual(drawQuestions(bank, "same"));
    const draws = new Set(Array.from({ length: 30 }, (_, n) => ids(drawQuestions(bank, `seed-${n}`)).join()));
    expect(draws.size).toBeGreaterThan(5);
  });

  it("prefers the questions the previous attempt did not ask, keeping every objective covered", () => {
    for (let n = 0; n < 50; n++) {
      const previous = ids(drawQuestions(bank, `first-${n}`));
      const next = ids(drawQuestions(bank, `second-${n}`, previous));
      // Four questions were not asked; all four come back, plus one repeat.
      expect(next.filter((id) => !previous.includes(id))).toHaveLength(bank.length - DRAW_SIZE);
      expect(new Set(next.map(objectiveOf))).toEqual(new Set([1, 2, 3]));
    }
  });

  it("covers objectives before variety: an objective whose questions were all asked still gets one", () => {
    // Objective 3's two questions were both asked last time; objective 1 has four fresh ones.
    const previous = ["q5", "q6", "q7", "q8", "q9"];
    const next = drawQuestions(bank, "seed", previous);
    expect(new Set(ids(next).map(objectiveOf))).toEqual(new Set([1, 2, 3]));
  });

  it("covers a different subset of objectives when there are more objectives than places", () => {
    const wide = Array.from({ length: 8 }, (_, i) => single(`w${i + 1}`, i + 1));
    const covered = new Set(Array.from({ length: 30 }, (_, n) => ids(drawQuestions(wide, `seed-${n}`)).join()));
    expect(covered.size).toBeGreaterThan(5);
  });

  it("treats questions without an objective as one more group", () => {
    const mixed = [...bank.slice(0, 4), single("free1"), single("free2"), single("free3")];
    for (let n = 0; n < 20; n++) {
      const drawn = ids(drawQuestions(mixed, `seed-${n}`));
      expect(drawn.some((id) => id.startsWith("free"))).toBe(true);
      expect(drawn.some((id) => id.startsWith("q"))).toBe(true);
    }
  });
});
