import "server-only";
import { config } from "@/lib/config";
import { Prisma } from "@/lib/generated/prisma/client";
import { isPostgresUrl } from "@/scripts/db/database-url.mjs";

// Rows the database packs into one JSON text, which Node parses in one call. Turning rows into objects
// costs the driver more than the database spends finding them (at 10,000 cohort members), and each
// separate query costs Prisma a plan and the driver a prepared statement (on every learner dashboard
// view). docs/decisions/0027-learner-track-totals.md and 0028-learner-dashboard-one-query.md.

/**
 * An aggregate over the rows of a FROM clause: their `columns` as one JSON array of arrays, as text.
 * PostgreSQL gives NULL when there are no rows; parseRows reads that as an empty array.
 */
export function jsonRows(columns: Prisma.Sql): Prisma.Sql {
  return isPostgresUrl(config.DATABASE_URL)
    ? Prisma.sql`json_agg(json_build_array(${columns}))::text`
    : Prisma.sql`json_group_array(json_array(${columns}))`;
}

/** The rows of a jsonRows column, each an array of its columns in order. */
export function parseRows<Row extends unknown[]>(text: string | null): Row[] {
  return text === null ? [] : (JSON.parse(text) as Row[]);
}

/**
 * A timestamp from packed rows. Every timestamp is stored in UTC: SQLite's text carries its offset, but
 * PostgreSQL's TIMESTAMP(3) reaches JSON without one, which JavaScript would read as local time.
 */
export function parseTimestamp(value: string | null): Date | null {
  if (value === null) return null;
  const date = new Date(/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}
