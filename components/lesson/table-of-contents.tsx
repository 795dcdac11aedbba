import type { TocEntry } from "@/lib/content/markdown";

export function TableOfContents({ entries }: { entries: TocEntry[] }) {
  if (!entries.length) return null;
  return (
    <nav className="lesson-toc" aria-label="On this page">
      <p className="label">On this page</p>
      <ol>
        {entries.map((entry) => (
          <li key={entry.id} className={`depth-${entry.depth}`}>
            <a href={`#${entry.id}`}>{entry.text}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
