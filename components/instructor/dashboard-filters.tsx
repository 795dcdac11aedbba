import type { CohortDashboard } from "@/lib/instructor/dashboard";
import "./instructor.css";

/** A GET form: the filter lives in the URL (?track=&sort=), so a view can be bookmarked and shared. */
export function DashboardFilters({ dashboard }: { dashboard: CohortDashboard }) {
  const { query } = dashboard;
  return (
    <form method="get" className="cohort-filters" aria-label="Filter and sort learners">
      <div className="field">
        <label htmlFor="filter-track">Track</label>
        <select id="filter-track" name="track" defaultValue={query.track ?? ""}>
          <option value="">All tracks</option>
          {dashboard.trackOptions.map((track) => (
            <option key={track.id} value={track.id}>
              {track.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-sort">Sort by</label>
        <select id="filter-sort" name="sort" defaultValue={query.sort}>
          <option value="name">Name</option>
          <option value="progress">Progress</option>
          <option value="activity">Last active</option>
          <option value="risk">At risk first</option>
        </select>
      </div>
      {query.activity !== "day" && <input type="hidden" name="activity" value={query.activity} />}
      <button type="submit" className="button small">
        Apply
      </button>
    </form>
  );
}
