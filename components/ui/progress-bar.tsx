/** A labelled progress bar (role=progressbar) in the track's colour. */
export function ProgressBar({ value, max, label, trackId }: { value: number; max: number; label: string; trackId?: string }) {
  const percent = max ? Math.round((value / max) * 100) : 0;
  return (
    <div className="progress" style={trackId ? ({ "--track": `var(--${trackId})` } as React.CSSProperties) : undefined}>
      <div className="progress-label">
        <span>{label}</span>
        <span>
          {value} of {max} · {percent}%
        </span>
      </div>
      <div className="progress-bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value}>
        <span style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
