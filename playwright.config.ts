import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
/** A second app instance on the same database, for tests/e2e/instances.spec.ts. */
const secondPort = port + 1;

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  // Two instances of the same build on one database; the second starts once the first is up.
  webServer: [
    {
      command: "bash scripts/e2e-server.sh",
      // Mail goes to the SMTP catcher tests/e2e/account.spec.ts starts (when no test runs it, sending fails and is logged).
      env: { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(port + 50), APP_URL: `http://127.0.0.1:${port}` },
      url: `http://127.0.0.1:${port}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe",
    },
    {
      command: "bash scripts/e2e-server.sh",
      env: { E2E_SECOND_INSTANCE: "1", E2E_PORT: String(secondPort) },
      url: `http://127.0.0.1:${secondPort}/api/health`,
      // It answers once the first has migrated the database; on a busy machine that took over a minute.
      timeout: 180_000,
      reuseExistingServer: false,
    },
  ],
});
