import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "@/scripts/db/database-url.mjs";

// Every setting the app reads from its environment, with its default and its allowed range. Modules
// read `config.NAME`, never process.env. The README's configuration table lists the same names and
// defaults (tests/unit/config.test.ts compares them).
//
// Each value is parsed on first read and again only when its variable changes (a few tests change
// one between cases), so a bad value throws a ConfigError naming the variable wherever it is read.
// instrumentation.ts calls checkConfig() when the server starts, so a bad value stops the boot
// instead of the first request that happens to read it.
//
// No "server-only" here: instrumentation.ts imports this module, and Next refuses server-only there.
// It holds no secret itself; the guard below keeps it out of browser bundles.

if (typeof window !== "undefined") throw new Error("lib/config.ts is for the server: pass what a client component needs as props.");

function wholeNumber(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.string().regex(/^\d+$/, message).transform(Number).pipe(z.number().min(min, message).max(max, message));
}

function flag() {
  return z
    .enum(["1", "true", "yes", "0", "false", "no"], { error: "must be 1 or 0 (or true or false)" })
    .transform((value) => ["1", "true", "yes"].includes(value));
}

const SCHEMAS = {
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: wholeNumber(1, 65_535).default(3000),
  DATABASE_URL: z.string().default(DEFAULT_DATABASE_URL),
  /** PostgreSQL connections per app process. */
  DATABASE_POOL_SIZE: wholeNumber(1, 1000).default(10),
  /** Signs session tokens. Optional outside production; checkConfig requires it in production. */
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (generate one with: openssl rand -base64 32)").optional(),
  LOG_LEVEL: z.enum(["info", "silent"], { error: 'must be "info" or "silent"' }).default("info"),
  /** Demo accounts and cohort from npm run db:seed; unset means in development only (lib/demo/seed.ts). */
  SEED_DEMO: flag().optional(),
  /** Graded submissions kept per learner and exercise; older ones are deleted, the first pass always kept. */
  SUBMISSIONS_KEPT: wholeNumber(1, 10_000).default(20),
  /** The course content; tests point it at fixtures. Relative paths are from the working directory. */
  CONTENT_DIR: z.string().default("lessons"),
  /** Where next build writes and next start reads the build; proxy.ts reads prerendered pages there (CSP hashes). */
  NEXT_DIST_DIR: z.string().default(".next"),
  RATE_SIGNIN_PER_IP: wholeNumber(1, 1_000_000).default(30),
  RATE_SIGNIN_FAILURES: wholeNumber(1, 1_000_000).default(5),
  /** Sign-in attempts per minute for the whole site, whatever the address or account (docs/decisions/0014). */
  RATE_SIGNIN_SITE_PER_MINUTE: wholeNumber(1, 1_000_000).default(120),
  RATE_SIGNUP_PER_IP: wholeNumber(1, 1_000_000).default(10),
  /** Per-account budgets for writes a learner repeats, so no account can grow storage or load without bound. */
  RATE_QUIZ_SUBMITS_PER_HOUR: wholeNumber(1, 1_000_000).default(30),
  RATE_CHOOSER_SAVES_PER_HOUR: wholeNumber(1, 1_000_000).default(30),
  RATE_DRAFT_SAVES_PER_MINUTE: wholeNumber(1, 1_000_000).default(60),
  /** Proxies in front of the app that append to X-Forwarded-For; 0 means forwarded headers are ignored. */
  TRUSTED_PROXY_HOPS: wholeNumber(0, 10).default(0),
  /** A session ends after this many minutes without a request, and this many hours after sign-in. */
  SESSION_IDLE_MINUTES: wholeNumber(1, 24 * 60).default(60),
  SESSION_MAX_HOURS: wholeNumber(1, 30 * 24).default(12),
  /** The site's public address, for links in emails (password reset). Required when SMTP_HOST is set. */
  APP_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL like https://crossroads.example" }).optional(),
  /** Outgoing mail (password reset). Without SMTP_HOST, mails are written to the server log instead. */
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: wholeNumber(1, 65_535).default(587),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().default("Crossroads <no-reply@localhost>"),
  RATE_RUNS_PER_USER: wholeNumber(1, 1_000_000).default(30),
  RATE_RUNS_PER_IP: wholeNumber(1, 1_000_000).default(60),
  RUNNER_CONCURRENCY: wholeNumber(1, 256).default(2),
  RUNNER_MAX_WAITING: wholeNumber(1, 100_000).default(50),
  /** Where server runs happen: "queue" (PostgreSQL job queue and `npm run worker`), "local" (this process), "auto" (queue on PostgreSQL). */
  RUNNER_MODE: z.enum(["auto", "local", "queue"], { error: 'must be "auto", "local" or "queue"' }).default("auto"),
  /** Sandbox pairs per framework started ahead of demand, with the framework imported (0: every run starts its own). */
  RUNNER_WARM_POOL: wholeNumber(0, 16).default(1),
  RUNNER_VENV: z.string().default(".runner/venv"),
  RUNNER_WALL_SECONDS: wholeNumber(1, 600).default(10),
  RUNNER_CPU_SECONDS: wholeNumber(1, 600).default(8),
  RUNNER_MEMORY_MB: wholeNumber(16, 65_536).default(512),
  /** First of the 256 uids the sandboxes run as; none of them may belong to a real account. */
  RUNNER_UID_BASE: wholeNumber(1000, 4_000_000_000).default(61000),
  RUNNER_CGROUP_ROOT: z.string().default("/sys/fs/cgroup"),
  /** Prints each run's raw sandbox output to stderr. */
  SANDBOX_DEBUG: flag().default(false),
} satisfies Record<string, z.ZodType>;

export type SettingName = keyof typeof SCHEMAS;
export type Config = { readonly [K in SettingName]: z.output<(typeof SCHEMAS)[K]> };

export const SETTING_NAMES = Object.keys(SCHEMAS) as SettingName[];

/** Values never repeated in an error message: they are secrets or may hold a password. */
const SECRET: ReadonlySet<SettingName> = new Set(["AUTH_SECRET", "DATABASE_URL", "SMTP_PASSWORD"]);

/** A setting that is missing or out of range. The message names each variable at fault. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment (see the configuration table in README.md):\n  ${problems.join("\n  ")}`);
    this.name = "ConfigError";
  }
}

function raw(name: SettingName): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

function problemOf(name: SettingName, value: string | undefined, error: z.ZodError): string {
  const shown = value === undefined || SECRET.has(name) ? "" : ` (got "${value.slice(0, 80)}")`;
  return `${name} ${error.issues[0]?.message ?? "is not valid"}${shown}`;
}

type Parsed = { ok: true; value: unknown } | { ok: false; problem: string };

function parse(name: SettingName, value: string | undefined): Parsed {
  const result = SCHEMAS[name].safeParse(value);
  return result.success ? { ok: true, value: result.data } : { ok: false, problem: problemOf(name, value, result.error) };
}

const cache = new Map<SettingName, { raw: string | undefined; value: unknown }>();

function read(name: SettingName): unknown {
  const value = raw(name);
  const hit = cache.get(name);
  if (hit && hit.raw === value) return hit.value;
  const parsed = parse(name, value);
  if (!parsed.ok) throw new ConfigError([parsed.problem]);
  cache.set(name, { raw: value, value: parsed.value });
  return parsed.value;
}

export const config = Object.defineProperties(
  {},
  Object.fromEntries(SETTING_NAMES.map((name) => [name, { enumerable: true, get: () => read(name) }])),
) as Config;

/** Every setting's default (undefined for those without one), for the README check. */
export function settingDefaults(): Record<SettingName, unknown> {
  return Object.fromEntries(SETTING_NAMES.map((name) => [name, SCHEMAS[name].parse(undefined)])) as Record<SettingName, unknown>;
}

/** Parses every setting and throws one ConfigError listing all that are wrong. Called at boot. */
export function checkConfig(): Config {
  const problems: string[] = [];
  for (const name of SETTING_NAMES) {
    const parsed = parse(name, raw(name));
    if (!parsed.ok) problems.push(parsed.problem);
  }
  if (raw("NODE_ENV") === "production" && raw("AUTH_SECRET") === undefined) {
    problems.push("AUTH_SECRET is required in production (generate one with: openssl rand -base64 32)");
  }
  if (raw("SMTP_HOST") !== undefined && raw("APP_URL") === undefined) {
    problems.push("APP_URL is required when SMTP_HOST is set (links in emails must not come from a request's Host header)");
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}
