-- Runner workers (PostgreSQL only: with SQLite the web process runs code itself). Each worker process
-- upserts its row every few seconds; web instances and /api/health count the recent ones.
-- No Prisma model: only lib/runner/ reads and writes it, with plain SQL. See docs/decisions/0015-runner-workers.md.
CREATE TABLE "runner_worker" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "slots" INTEGER NOT NULL,
    "running" INTEGER NOT NULL DEFAULT 0,
    "runs" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "heartbeat_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "canary_at" TIMESTAMPTZ,

    CONSTRAINT "runner_worker_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "runner_worker_heartbeat_at_idx" ON "runner_worker"("heartbeat_at");
