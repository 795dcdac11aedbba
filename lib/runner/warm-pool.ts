// Things started ahead of demand (sandboxes that have already imported a framework), each handed out
// at most once and never returned: nothing one run leaves behind can reach the next
// (docs/decisions/0019-warm-sandboxes.md). Generic so that its rules are unit-tested without a sandbox.

export interface WarmItem {
  /** False once the item can no longer be used (its process ended). */
  alive(): boolean;
  /** Frees what the item holds; called for items that are never handed out. */
  dispose(): Promise<void>;
}

interface Entry<T> {
  ready: Promise<T | undefined>;
  /** Set once ready resolves with an item. */
  item?: T;
  /** Handed out (or being waited for) by take(). */
  taken?: boolean;
  expiry?: ReturnType<typeof setTimeout>;
}

export class WarmPool<T extends WarmItem> {
  private readonly entries = new Map<string, Entry<T>[]>();
  private closed = false;

  constructor(
    private readonly opts: {
      /** Items kept ready per key; 0 turns the pool off. */
      size: number;
      /** An item unused for this long is disposed of and replaced (before its sandbox's idle clock runs out). */
      maxIdleMs: number;
      /** Starts an item; undefined when it cannot be started now (no free uid, sandbox failure). */
      create: (key: string) => Promise<T | undefined>;
    },
  ) {}

  /** Starts items for key until `size` are ready or on their way. */
  fill(key: string): void {
    if (this.closed) return;
    const list = this.entries.get(key) ?? [];
    this.entries.set(key, list);
    while (list.length < this.opts.size) {
      const entry: Entry<T> = { ready: Promise.resolve(undefined) };
      entry.ready = this.opts.create(key).then(
        (item) => {
          if (!item) return this.drop(key, entry);
          if (this.closed && !entry.taken) {
            void item.dispose();
            return undefined;
          }
          entry.item = item;
          entry.expiry = setTimeout(() => this.expire(key, entry), this.opts.maxIdleMs);
          entry.expiry.unref?.();
          return item;
        },
        () => this.drop(key, entry),
      );
      list.push(entry);
    }
  }

  /**
   * Hands out the oldest live item for key (waiting for one that is starting rather than starting a
   * second), or undefined; either way the pool starts a replacement.
   */
  async take(key: string): Promise<T | undefined> {
    if (this.opts.size === 0 || this.closed) return undefined;
    this.fill(key);
    const list = this.entries.get(key)!;
    // A dead item is replaced and the replacement waited for, once: a second failure means a cold start.
    for (let attempt = 0; attempt < 2 && list.length; attempt++) {
      const entry = list.find((e) => e.item) ?? list[0];
      list.splice(list.indexOf(entry), 1);
      entry.taken = true;
      clearTimeout(entry.expiry);
      const item = await entry.ready;
      this.fill(key);
      if (item?.alive()) return item;
      if (item) void item.dispose();
    }
    return undefined;
  }

  /** Disposes of every item not handed out and starts no more. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.entries.values()].flat();
    this.entries.clear();
    await Promise.all(
      all.map(async (entry) => {
        clearTimeout(entry.expiry);
        const item = await entry.ready;
        await item?.dispose();
      }),
    );
  }

  /** How many items each key has ready now (for /api/health and tests). */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.entries].map(([key, list]) => [key, list.filter((e) => e.item?.alive()).length]));
  }

  private drop(key: string, entry: Entry<T>): undefined {
    const list = this.entries.get(key);
    if (list?.includes(entry)) list.splice(list.indexOf(entry), 1);
    return undefined;
  }

  private expire(key: string, entry: Entry<T>) {
    const list = this.entries.get(key);
    if (!list?.includes(entry)) return;
    list.splice(list.indexOf(entry), 1);
    void entry.item?.dispose();
    this.fill(key);
  }
}
