"use client";

type Item = { id: string; html: string };

/** An ordered list the learner rearranges with Move up / Move down buttons (keyboard and screen-reader friendly). */
export function OrderInput({ items, value, onChange }: { items: Item[]; value: string[]; onChange(ids: string[]): void }) {
  const byId = new Map(items.map((item) => [item.id, item]));
  const move = (index: number, delta: -1 | 1) => {
    const next = [...value];
    [next[index], next[index + delta]] = [next[index + delta], next[index]];
    onChange(next);
  };
  return (
    <ol className="quiz-order">
      {value.map((id, index) => (
        <li key={id} className="quiz-order-item" data-testid={`order-item-${id}`}>
          <span className="quiz-order-position" aria-hidden="true">
            {index + 1}
          </span>
          <span className="quiz-order-text" dangerouslySetInnerHTML={{ __html: byId.get(id)?.html ?? id }} />
          <span className="row" style={{ gap: "0.25rem" }}>
            <button
              type="button"
              className="button small"
              onClick={() => move(index, -1)}
              disabled={index === 0}
              aria-label={`Move step ${index + 1} up`}
            >
              ↑
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => move(index, 1)}
              disabled={index === value.length - 1}
              aria-label={`Move step ${index + 1} down`}
            >
              ↓
            </button>
          </span>
        </li>
      ))}
    </ol>
  );
}
