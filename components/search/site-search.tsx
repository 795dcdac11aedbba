"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { opensSearch, searchSite, searchWarmed, type SearchHit } from "@/lib/client/search";
import "./search.css";

type Status = { kind: "idle" } | { kind: "searching" } | { kind: "done"; hits: SearchHit[] } | { kind: "failed" };

/**
 * The header's Search button and its dialog. `/` opens it from anywhere except where `/` is typed
 * (fields, the code editor); Escape closes it. Results come from the build's static index.
 */
export function SiteSearch() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const router = useRouter();
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const headingId = useId();
  const statusId = useId();

  const open = useCallback(() => {
    const dialog = dialogRef.current;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    inputRef.current?.select();
    // Fetch the index while the learner types the first letters; once all of it is here, searching needs no connection.
    searchWarmed()
      .then((ready) => ready && dialog.setAttribute("data-offline-ready", "true"))
      .catch(() => setStatus({ kind: "failed" }));
  }, []);
  const close = () => dialogRef.current?.close();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!opensSearch(event)) return;
      event.preventDefault();
      open();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [open]);

  const latest = useRef("");
  const search = (value: string) => {
    setQuery(value);
    const text = value.trim();
    latest.current = text;
    if (!text) return;
    setStatus({ kind: "searching" });
    searchSite(text)
      .then((found) => {
        // null: a newer query replaced this one; a slower earlier answer must not overwrite a newer one.
        if (found && latest.current === text) setStatus({ kind: "done", hits: found });
      })
      .catch(() => latest.current === text && setStatus({ kind: "failed" }));
  };

  const hits = query.trim() && status.kind === "done" ? status.hits : [];
  const message = !query.trim()
    ? "Type a word from a lesson or a project brief."
    : status.kind === "failed"
      ? "Search could not load. Reload the page and try again."
      : status.kind === "searching"
        ? "Searching…"
        : hits.length === 0
          ? `Nothing matches “${query.trim()}”.`
          : `${hits.length === 1 ? "1 result" : `${hits.length} results`} for “${query.trim()}”.`;

  return (
    <>
      <button type="button" className="button small search-button" onClick={open} aria-keyshortcuts="/" aria-haspopup="dialog">
        Search <kbd aria-hidden="true">/</kbd>
      </button>
      <dialog
        ref={dialogRef}
        className="search-dialog"
        aria-labelledby={headingId}
        data-testid="search-dialog"
        // A click on the backdrop (the dialog element itself, outside its panel) closes it.
        onClick={(event) => event.target === event.currentTarget && close()}
      >
        <div className="search-panel stack">
          <div className="row search-heading">
            <h2 id={headingId}>Search lessons and projects</h2>
            <button type="button" className="button small" onClick={close}>
              Close
            </button>
          </div>
          <form
            role="search"
            onSubmit={(event) => {
              event.preventDefault();
              if (hits[0]) {
                close();
                router.push(hits[0].url);
              }
            }}
          >
            <label htmlFor={`${headingId}-input`} className="small muted">
              Search for
            </label>
            <input
              ref={inputRef}
              id={`${headingId}-input`}
              type="search"
              autoComplete="off"
              spellCheck={false}
              value={query}
              aria-describedby={statusId}
              onChange={(event) => search(event.target.value)}
              onKeyDown={(event) => {
                // A search field's own Escape only clears it: here Escape closes the dialog at once.
                if (event.key === "Escape") {
                  event.preventDefault();
                  close();
                } else if (event.key === "ArrowDown") {
                  event.preventDefault();
                  dialogRef.current?.querySelector<HTMLAnchorElement>(".search-results a")?.focus();
                }
              }}
            />
          </form>
          <p id={statusId} className="small muted" role="status">
            {message}
          </p>
          {hits.length > 0 && (
            <ol className="search-results" aria-label="Results">
              {hits.map((hit) => (
                <li key={hit.url}>
                  <Link href={hit.url} onClick={close}>
                    <span className="search-title">{hit.title}</span>
                    {hit.kind && <span className="search-kind small muted">{hit.kind}</span>}
                    <span className="search-excerpt small">
                      {hit.excerpt.map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : part.text))}
                    </span>
                  </Link>
                </li>
              ))}
            </ol>
          )}
        </div>
      </dialog>
    </>
  );
}
