// Small display helpers shared by server and client components.

export function formatDuration(minutes: number): string {
  if (minutes < 90) return `about ${minutes} minutes`;
  const hours = Math.round(minutes / 30) / 2;
  return `about ${hours} hours`;
}

export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/** A calendar date as YYYY-MM-DD (UTC), the same for every reader whatever their locale. */
export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The start of a text, at most `max` characters: whole sentences when they fill at least half of it,
 * otherwise whole words followed by an ellipsis. Never cuts a word in two.
 */
export function excerpt(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const head = clean.slice(0, max + 1);
  const sentenceEnd = Math.max(...[". ", "! ", "? "].map((end) => head.lastIndexOf(end)));
  if (sentenceEnd >= max / 2) return head.slice(0, sentenceEnd + 1);
  const wordEnd = head.lastIndexOf(" ");
  return `${head.slice(0, wordEnd > 0 ? wordEnd : max).replace(/[,;:.\s]+$/, "")}…`;
}
