import { describe, expect, it } from "vitest";
import { QueueFullError, RunQueue } from "@/lib/runner/queue";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("RunQueue", () => {
  it("never runs more than its concurrency at once and keeps FIFO order", async () => {
    const queue = new RunQueue(2, 10);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        queue.run(async () => {
          order.push(i);
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 5));
          active--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(queue.stats).toEqual({ running: 0, waiting: 0 });
  });

  it("refuses a job when the waiting line is full", async () => {
    const queue = new RunQueue(1, 1);
    const gate = deferred();
    const first = queue.run(() => gate.promise);
    const second = queue.run(async () => "second");
    await expect(queue.run(async () => "third")).rejects.toBeInstanceOf(QueueFullError);
    gate.resolve();
    await first;
    expect(await second).toBe("second");
  });

  it("a failing job frees its slot for the next", async () => {
    const queue = new RunQueue(1, 5);
    const failing = queue.run(async () => {
      throw new Error("boom");
    });
    const next = queue.run(async () => "next ran");
    await expect(failing).rejects.toThrow("boom");
    expect(await next).toBe("next ran");
  });
});
