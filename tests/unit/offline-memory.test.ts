import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  flushCompletions,
  pendingCompletions,
  queueCompletion,
  rememberedMe,
  rememberedProgress,
  rememberMe,
  rememberProgress,
  withPending,
} from "@/lib/client/offline-memory";
import type { TrackState } from "@/lib/progress";

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    items,
  };
}

let storage: ReturnType<typeof memoryStorage>;
beforeEach(() => {
  storage = memoryStorage();
  vi.stubGlobal("window", { localStorage: storage });
});
afterEach(() => vi.unstubAllGlobals());

const state = (completedLessonIds: string[]) => ({ completedLessonIds, quizzes: {}, exercises: {} }) as unknown as TrackState;

describe("what the browser remembers for offline visits", () => {
  it("remembers the last user and each track's progress per user, and forgets the user on sign-out", () => {
    rememberMe({ id: "u1", name: "Ada", role: "LEARNER" });
    rememberProgress("u1", "flask", state(["a"]));
    expect(rememberedMe()).toEqual({ id: "u1", name: "Ada", role: "LEARNER" });
    expect(rememberedProgress("u1", "flask")?.completedLessonIds).toEqual(["a"]);
    expect(rememberedProgress("u2", "flask")).toBeNull();
    rememberMe(null);
    expect(rememberedMe()).toBeNull();
    storage.items.set("crossroads:me", "{not json");
    expect(rememberedMe()).toBeNull();
  });

  it("keeps the latest offline change per lesson and shows progress with the changes applied", () => {
    queueCompletion("u1", "a", true);
    queueCompletion("u1", "b", true);
    queueCompletion("u1", "b", false);
    expect(pendingCompletions("u1")).toEqual({ a: true, b: false });
    expect(pendingCompletions("u2")).toEqual({});
    expect(withPending(state(["b", "c"]), pendingCompletions("u1")).completedLessonIds.sort()).toEqual(["a", "c"]);
  });

  it("sends the queue in order, stops at the first unreachable, drops refused ones, keeps a change made meanwhile", async () => {
    queueCompletion("u1", "a", true);
    queueCompletion("u1", "b", true);
    queueCompletion("u1", "c", true);
    const sent: string[] = [];
    let left = await flushCompletions("u1", async (lessonId) => {
      sent.push(lessonId);
      return lessonId === "a" ? "sent" : lessonId === "b" ? "refused" : "unreachable";
    });
    expect(sent).toEqual(["a", "b", "c"]);
    expect(left).toEqual({ c: true });

    left = await flushCompletions("u1", async (lessonId, complete) => {
      // The learner undoes it while the first send is out: the undo must still be sent later.
      queueCompletion("u1", lessonId, !complete);
      return "sent";
    });
    expect(left).toEqual({ c: false });
    left = await flushCompletions("u1", async () => "sent");
    expect(left).toEqual({});
    expect(storage.items.has("crossroads:pending-completions:u1")).toBe(false);
  });
});
