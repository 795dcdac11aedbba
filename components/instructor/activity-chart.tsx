import type { ActivityBucket } from "@/lib/instructor/dashboard";
import "./instructor.css";

const WIDTH = 720;
const HEIGHT = 180;
const PAD_LEFT = 28;
const PAD_BOTTOM = 22;

/**
 * Activity per day or week as an SVG bar chart. Screen readers get the title and summary from
 * aria-labelledby and the exact numbers from the table that follows (visually hidden).
 */
export function ActivityChart({ buckets, unit }: { buckets: ActivityBucket[]; unit: "day" | "week" }) {
  const busiest = Math.max(0, ...buckets.map((bucket) => bucket.events));
  const max = Math.max(1, busiest);
  const total = buckets.reduce((sum, bucket) => sum + bucket.events, 0);
  const band = (WIDTH - PAD_LEFT) / Math.max(1, buckets.length);
  const plot = HEIGHT - PAD_BOTTOM - 8;
  const label = unit === "day" ? "per day, last 28 days" : "per week, last 12 weeks";
  const labelEvery = unit === "day" ? 7 : 2;
  return (
    <figure className="stack">
      <svg className="activity-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="activity-title activity-desc">
        <title id="activity-title">{`Cohort activity ${label}`}</title>
        <desc id="activity-desc">
          {total} lesson completions, quiz attempts, exercise submissions and project steps in all; the busiest {unit} had {busiest}.
        </desc>
        <line className="axis" x1={PAD_LEFT} x2={WIDTH} y1={HEIGHT - PAD_BOTTOM} y2={HEIGHT - PAD_BOTTOM} />
        <text x={PAD_LEFT - 4} y={12} textAnchor="end">
          {max}
        </text>
        <text x={PAD_LEFT - 4} y={HEIGHT - PAD_BOTTOM} textAnchor="end">
          0
        </text>
        {buckets.map((bucket, index) => {
          const height = (bucket.events / max) * plot;
          const x = PAD_LEFT + index * band;
          return (
            <g key={bucket.start}>
              <rect className="bar" x={x + band * 0.15} width={band * 0.7} y={HEIGHT - PAD_BOTTOM - height} height={height}>
                <title>{`${bucket.start}: ${bucket.events} events by ${bucket.learners} learners`}</title>
              </rect>
              {index % labelEvery === 0 && (
                <text x={x + band / 2} y={HEIGHT - 6} textAnchor="middle">
                  {bucket.start.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>Activity {label}</caption>
        <thead>
          <tr>
            <th scope="col">{unit === "day" ? "Day" : "Week starting"}</th>
            <th scope="col">Events</th>
            <th scope="col">Active learners</th>
          </tr>
        </thead>
        <tbody>
          {buckets.map((bucket) => (
            <tr key={bucket.start}>
              <td>{bucket.start}</td>
              <td>{bucket.events}</td>
              <td>{bucket.learners}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
