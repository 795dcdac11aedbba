// A FIFO queue that runs at most `concurrency` jobs at once and refuses new ones when `maxWaiting`
// are already waiting, so a burst of submissions cannot pile up on the server. No server imports:
// unit-tested on its own.

/** Thrown by RunQueue.run when the waiting line is full; routes turn it into 503 with Retry-After. */
export class QueueFullError extends Error {
  readonly retryAfterSeconds = 5;

  constructor() {
    super("The runner is busy, try again in a few seconds.");
    this.name = "QueueFullError";
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

export class RunQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  readonly concurrency: number;
  readonly maxWaiting: number;

  constructor(concurrency: number, maxWaiting: number) {
    this.concurrency = positiveInteger(concurrency, "concurrency");
    this.maxWaiting = Math.max(0, Math.floor(maxWaiting));
  }

  get stats() {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) {
      this.running++;
    } else {
      if (this.waiting.length >= this.maxWaiting) throw new QueueFullError();
      // The slot is handed over by the job that finishes (see finally), so `running` stays counted.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** Reads a positive integer setting (e.g. RUNNER_CONCURRENCY), falling back when unset or invalid. */
export function queueSetting(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}
