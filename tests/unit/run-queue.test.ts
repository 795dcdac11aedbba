import { describe, expect, it } from "vitest";
import { OwnerBusyError, QueueFullError, RunQueue } from "@/lib/runner/queue";

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("RunQueue", () => {
  it("starts jobs in FIFO order and never runs more than its concurrency at once", async () => {
    const queue = new RunQueue(2, 20);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        queue.run(async () => {
          started.push(i);
          active++;
          peak = Math.max(peak, active);
          // Uneven durations so later jobs could overtake if the queue were not FIFO.
          await new Promise((r) => setTimeout(r, (i % 3) * 4));
          active--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(queue.stats).toEqual({ running: 0, waiting: 0 });
  });

  it("keeps the limit while jobs wait, then drains", async () => {
    const queue = new RunQueue(2, 5);
    const gates = Array.from({ length: 4 }, () => deferred());
    const runs = gates.map((gate) => queue.run(() => gate.promise));
    await tick();
    expect(queue.stats).toEqual({ running: 2, waiting: 2 });
    gates[0].resolve();
    await tick();
    expect(queue.stats).toEqual({ running: 2, waiting: 1 });
    gates.forEach((gate) => gate.resolve());
    await Promise.all(runs);
    expect(queue.stats).toEqual({ running: 0, waiting: 0 });
  });

  it("rejects with QueueFullError when the waiting line is full, and accepts again once it drains", async () => {
    const queue = new RunQueue(1, 1);
    const gate = deferred();
    const first = queue.run(() => gate.promise);
    const second = queue.run(async () => "second");
    const third = queue.run(async () => "third");
    await expect(third).rejects.toBeInstanceOf(QueueFullError);
    await expect(third).rejects.toThrow("The runner is busy, try again in a few seconds.");
    gate.resolve();
    await first;
    expect(await second).toBe("second");
    expect(await queue.run(async () => "later")).toBe("later");
  });

  it("a failing job frees its slot for the jobs behind it", async () => {
    const queue = new RunQueue(1, 5);
    const failing = queue.run(async () => {
      throw new Error("boom");
    });
    const syncFailing = queue.run(() => {
      throw new Error("sync boom");
    });
    const next = queue.run(async () => "next ran");
    await expect(failing).rejects.toThrow("boom");
    await expect(syncFailing).rejects.toThrow("sync boom");
    expect(await next).toBe("next ran");
    expect(queue.stats).toEqual({ running: 0, waiting: 0 });
  });

  it("refuses a nonsensical concurrency instead of running without a limit", () => {
    expect(() => new RunQueue(Number.NaN, 5)).toThrow(RangeError);
    expect(() => new RunQueue(0, 5)).toThrow(RangeError);
  });

  it("serves learners in turn: a flood from one learner waits behind another learner's single run", async () => {
    const queue = new RunQueue(1, 50, 10);
    const gate = deferred();
    const started: string[] = [];
    const job = (name: string, wait?: Promise<void>) => async () => {
      started.push(name);
      await wait;
    };
    const first = queue.run(job("flood-1", gate.promise), "flooder");
    const flood = [2, 3, 4, 5].map((i) => queue.run(job(`flood-${i}`), "flooder"));
    const single = queue.run(job("single"), "learner");
    await tick();
    gate.resolve();
    await Promise.all([first, ...flood, single]);
    // The other learner's run comes right after the flooder's first, not after all five.
    expect(started.indexOf("single")).toBe(1);
  });

  it("runs at most one job per learner at a time, even with free slots", async () => {
    const queue = new RunQueue(4, 50, 5);
    const gates = [deferred(), deferred()];
    let active = 0;
    let peak = 0;
    const runs = gates.map((gate) =>
      queue.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await gate.promise;
        active--;
      }, "same-learner"),
    );
    await tick();
    expect(queue.stats).toEqual({ running: 1, waiting: 1 });
    gates.forEach((gate) => gate.resolve());
    await Promise.all(runs);
    expect(peak).toBe(1);
  });

  it("refuses a learner's third run while one runs and one waits, with OwnerBusyError", async () => {
    const queue = new RunQueue(2, 50, 1);
    const gate = deferred();
    const running = queue.run(() => gate.promise, "learner");
    const waiting = queue.run(async () => "second", "learner");
    await expect(queue.run(async () => "third", "learner")).rejects.toBeInstanceOf(OwnerBusyError);
    // Another learner is not affected.
    expect(await queue.run(async () => "other", "someone-else")).toBe("other");
    gate.resolve();
    await running;
    expect(await waiting).toBe("second");
  });
});
