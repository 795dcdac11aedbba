import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// Builds one migrated SQLite file per run; each test file starts from a copy of it (per-file.ts).
export default function setup() {
  const dir = path.join(__dirname, "..", ".tmp");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const base = path.join(dir, "base.db");
  execFileSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${base}` },
    stdio: "pipe",
  });
  process.env.TEST_BASE_DB = base;
}
