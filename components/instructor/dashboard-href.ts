import type { DashboardQuery } from "@/lib/schemas/cohorts";

/** The dashboard URL with some query params changed; defaults are left out to keep links short. */
export function dashboardHref(cohortId: string, query: DashboardQuery, change: Partial<DashboardQuery>): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.track) params.set("track", next.track);
  if (next.sort !== "name") params.set("sort", next.sort);
  if (next.activity !== "day") params.set("activity", next.activity);
  if (next.page > 1) params.set("page", String(next.page));
  const search = params.toString();
  return `/instructor/cohorts/${cohortId}${search ? `?${search}` : ""}`;
}
