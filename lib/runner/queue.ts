// The run queue: at most `concurrency` jobs at once, learners served in turn rather than first come
// (one learner's burst cannot make everyone else wait behind it), one job in flight per learner
// with at most `perOwnerWaiting` more waiting behind it, and at most `maxWaiting` waiting in all.
// No server imports: unit-tested on its own.

import { ExpectedError } from "@/lib/errors";

const QUEUE_FULL_RETRY_SECONDS = 5;
const OWNER_BUSY_RETRY_SECONDS = 2;

/** Thrown when the waiting line is full; routes answer 503 with Retry-After. */
export class QueueFullError extends ExpectedError {
  readonly retryAfterSeconds = QUEUE_FULL_RETRY_SECONDS;

  constructor() {
    super(503, "The runner is busy, try again in a few seconds.", { "Retry-After": String(QUEUE_FULL_RETRY_SECONDS) });
    this.name = "QueueFullError";
  }
}

/** Thrown when a learner already has a run going and another waiting; routes answer 429 with Retry-After. */
export class OwnerBusyError extends ExpectedError {
  readonly retryAfterSeconds = OWNER_BUSY_RETRY_SECONDS;

  constructor() {
    super(429, "You already have code running. Wait for its result before starting another run.", {
      "Retry-After": String(OWNER_BUSY_RETRY_SECONDS),
    });
    this.name = "OwnerBusyError";
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

const ANONYMOUS = "";

export class RunQueue {
  private running = 0;
  private readonly active = new Map<string, number>();
  /** Waiting jobs per owner, and the owners in the order they are served (round robin). */
  private readonly waiting = new Map<string, (() => void)[]>();
  private readonly turns: string[] = [];
  private waitingCount = 0;
  readonly concurrency: number;
  readonly maxWaiting: number;
  readonly perOwnerWaiting: number;

  constructor(concurrency: number, maxWaiting: number, perOwnerWaiting = Number.POSITIVE_INFINITY) {
    this.concurrency = positiveInteger(concurrency, "concurrency");
    this.maxWaiting = Math.max(0, Math.floor(maxWaiting));
    this.perOwnerWaiting = Math.max(0, perOwnerWaiting);
  }

  get stats() {
    return { running: this.running, waiting: this.waitingCount };
  }

  /** Runs job when a slot is free and it is this owner's turn. Jobs without an owner share one turn. */
  async run<T>(job: () => Promise<T>, owner: string = ANONYMOUS): Promise<T> {
    const busy = owner !== ANONYMOUS && (this.active.get(owner) ?? 0) > 0;
    if (!busy && this.running < this.concurrency && this.waitingCount === 0) {
      this.start(owner);
    } else {
      const line = this.waiting.get(owner) ?? [];
      if (owner !== ANONYMOUS && line.length + (busy ? 1 : 0) > this.perOwnerWaiting) throw new OwnerBusyError();
      if (this.waitingCount >= this.maxWaiting) throw new QueueFullError();
      // The slot is handed over by the job that finishes (see release), so `running` stays counted.
      await new Promise<void>((resolve) => {
        line.push(resolve);
        if (!this.waiting.has(owner)) {
          this.waiting.set(owner, line);
          this.turns.push(owner);
        }
        this.waitingCount++;
        // A free slot may be waiting only for an owner who is not busy: this one.
        this.startNext();
      });
    }
    try {
      return await job();
    } finally {
      this.release(owner);
    }
  }

  private start(owner: string) {
    this.running++;
    this.active.set(owner, (this.active.get(owner) ?? 0) + 1);
  }

  private release(owner: string) {
    this.running--;
    const left = (this.active.get(owner) ?? 1) - 1;
    if (left > 0) this.active.set(owner, left);
    else this.active.delete(owner);
    // The owner just served goes to the back of the line, behind everyone who waited meanwhile.
    const turn = this.turns.indexOf(owner);
    if (turn !== -1) this.turns.push(...this.turns.splice(turn, 1));
    this.startNext();
  }

  /** Starts waiting jobs while slots are free, taking owners in turn and skipping those with a job running. */
  private startNext() {
    let scanned = 0;
    while (this.running < this.concurrency && this.turns.length > 0 && scanned < this.turns.length) {
      const owner = this.turns.shift()!;
      const line = this.waiting.get(owner)!;
      if (owner !== ANONYMOUS && (this.active.get(owner) ?? 0) > 0) {
        this.turns.push(owner);
        scanned++;
        continue;
      }
      scanned = 0;
      const next = line.shift()!;
      this.waitingCount--;
      if (line.length > 0) this.turns.push(owner);
      else this.waiting.delete(owner);
      this.start(owner);
      next();
    }
  }
}
