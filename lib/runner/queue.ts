// A FIFO queue that runs at most `concurrency` jobs at once and refuses new ones when `maxWaiting`
// are already waiting, so a burst of submissions cannot exhaust the server. No server imports:
// unit-tested on its own.

export class QueueFullError extends Error {
  constructor() {
    super("The code runner is busy right now. Try again in a few seconds.");
    this.name = "QueueFullError";
  }
}

export class RunQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {}

  get stats() {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new QueueFullError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      // Hand the slot straight to the next job, or free it.
      if (next) next();
      else this.running--;
    }
  }
}
