import { afterEach, describe, expect, it, vi } from "vitest";
import { WarmPool, type WarmItem } from "@/lib/runner/warm-pool";

class Item implements WarmItem {
  live = true;
  disposed = false;
  constructor(readonly id: number) {}
  alive() {
    return this.live;
  }
  async dispose() {
    this.disposed = true;
  }
}

function pool(size = 1, maxIdleMs = 60_000) {
  const made: Item[] = [];
  const warm = new WarmPool<Item>({
    size,
    maxIdleMs,
    create: async () => {
      const item = new Item(made.length);
      made.push(item);
      return item;
    },
  });
  return { warm, made };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe("WarmPool", () => {
  it("hands each item out once and starts its replacement", async () => {
    const { warm, made } = pool();
    warm.fill("flask");
    await settle();
    expect(warm.counts()).toEqual({ flask: 1 });
    const first = await warm.take("flask");
    const second = await warm.take("flask");
    expect(first?.id).toBe(0);
    expect(second?.id).toBe(1);
    await settle();
    expect(made).toHaveLength(3);
    expect(warm.counts()).toEqual({ flask: 1 });
  });

  it("waits for an item that is starting rather than starting another", async () => {
    let finish: (item: Item) => void = () => undefined;
    const creates: string[] = [];
    const warm = new WarmPool<Item>({
      size: 1,
      maxIdleMs: 60_000,
      create: (key) => {
        creates.push(key);
        return creates.length === 1 ? new Promise<Item>((resolve) => (finish = resolve)) : Promise.resolve(new Item(creates.length));
      },
    });
    const taken = warm.take("fastapi");
    expect(creates).toEqual(["fastapi"]);
    finish(new Item(0));
    expect((await taken)?.id).toBe(0);
  });

  it("never hands out an item whose process has ended, and disposes of it", async () => {
    const { warm, made } = pool();
    warm.fill("django");
    await settle();
    made[0].live = false;
    const item = await warm.take("django");
    expect(made[0].disposed).toBe(true);
    expect(item).toBeDefined();
    expect(item).not.toBe(made[0]);
  });

  it("replaces an item left idle too long", async () => {
    vi.useFakeTimers();
    const { warm, made } = pool(1, 1000);
    warm.fill("flask");
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(1001);
    expect(made[0].disposed).toBe(true);
    expect(made).toHaveLength(2);
    expect(warm.counts()).toEqual({ flask: 1 });
  });

  it("with size 0 starts nothing; closed, it disposes of what it kept and starts nothing more", async () => {
    const off = pool(0);
    expect(await off.warm.take("flask")).toBeUndefined();
    expect(off.made).toHaveLength(0);
    const { warm, made } = pool(2);
    warm.fill("flask");
    await settle();
    await warm.close();
    expect(made.map((item) => item.disposed)).toEqual([true, true]);
    expect(await warm.take("flask")).toBeUndefined();
    expect(made).toHaveLength(2);
  });

  it("answers undefined when an item cannot be started, and tries again on the next take", async () => {
    let fail = true;
    const warm = new WarmPool<Item>({
      size: 1,
      maxIdleMs: 60_000,
      create: async () => (fail ? undefined : new Item(1)),
    });
    expect(await warm.take("flask")).toBeUndefined();
    fail = false;
    expect((await warm.take("flask"))?.id).toBe(1);
  });
});
