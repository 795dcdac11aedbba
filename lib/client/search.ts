// Site search in the browser: Pagefind's index, written at build time to public/pagefind by
// scripts/build-search-index.mts (docs/decisions/0021-search-pagefind.md). Searching needs only those
// static files, never the server.

/** The part of a keydown event the shortcut looks at (a KeyboardEvent has all of it). */
export interface ShortcutEvent {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
  defaultPrevented: boolean;
  target: EventTarget | null;
}

/** Where `/` is text, not a shortcut: form fields, editable regions and the code editor (Monaco). */
const TYPING_PLACES = 'input, textarea, select, [contenteditable]:not([contenteditable="false"]), [role="textbox"], .monaco-editor';

/** True when a keydown of `/` should open the search: not while typing, not with a modifier (Shift is part of `/` on some layouts). */
export function opensSearch(event: ShortcutEvent): boolean {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.isComposing || event.defaultPrevented) return false;
  const target = event.target as { closest?: (selector: string) => unknown; isContentEditable?: boolean } | null;
  if (target?.isContentEditable) return false;
  return !(typeof target?.closest === "function" && target.closest(TYPING_PLACES));
}

/** A piece of a result's excerpt; `marked` pieces matched the query. */
export interface ExcerptPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Pagefind's excerpt (escaped text with <mark> around matches) as plain-text parts, so the dialog
 * renders it as text and never as HTML. Any other tag is dropped.
 */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let marked = false;
  for (const piece of excerpt.split(/(<\/?mark>)/i)) {
    if (/^<mark>$/i.test(piece)) marked = true;
    else if (/^<\/mark>$/i.test(piece)) marked = false;
    else {
      const text = decodeEntities(piece.replace(/<[^>]*>/g, ""));
      if (text) parts.push({ text, marked });
    }
  }
  return parts;
}

/** One search result, as the dialog shows it. */
export interface SearchHit {
  url: string;
  title: string;
  kind: string;
  excerpt: ExcerptPart[];
}

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}

interface Pagefind {
  init(): Promise<void>;
  debouncedSearch(
    query: string,
    options?: object,
    debounceMs?: number,
  ): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
}

const PAGEFIND_URL = "/pagefind/pagefind.js";
let loading: Promise<Pagefind> | undefined;
let warmed: Promise<boolean> | undefined;

/**
 * Fetches every index chunk and page fragment (about 350 KB for the course) into the HTTP cache, where
 * they stay (next.config.js: immutable, hashed names): later searches then work without a connection.
 * True once all arrived.
 */
async function warmIndex(): Promise<boolean> {
  try {
    const response = await fetch("/pagefind/crossroads-files.json", { cache: "no-cache" });
    const files = (await response.json()) as string[];
    const fetched = await Promise.all(
      files.map((file) => fetch(`/pagefind/${file}`).then((r) => r.ok && r.arrayBuffer().then(() => true))),
    );
    return fetched.every(Boolean);
  } catch {
    return false;
  }
}

/** Resolves to true once the whole index is in the browser's cache (false if some file failed). */
export function searchWarmed(): Promise<boolean> {
  return loadPagefind().then(() => warmed ?? false);
}

/** Loads Pagefind once per page (its script, then its WebAssembly and index metadata); a failure may be retried. */
export function loadPagefind(): Promise<Pagefind> {
  loading ??= (import(/* webpackIgnore: true */ /* turbopackIgnore: true */ PAGEFIND_URL) as Promise<Pagefind>)
    .then(async (pagefind) => {
      await pagefind.init();
      warmed = warmIndex();
      return pagefind;
    })
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

/**
 * The first `limit` hits for `query`, or null when a newer query replaced this one while it waited
 * (Pagefind debounces: only the last of quick successive calls runs).
 */
export async function searchSite(query: string, limit = 8): Promise<SearchHit[] | null> {
  const pagefind = await loadPagefind();
  const search = await pagefind.debouncedSearch(query, {}, 150);
  if (!search) return null;
  const data = await Promise.all(search.results.slice(0, limit).map((result) => result.data()));
  return data.map((item) => ({
    url: item.url,
    title: item.meta.title ?? item.url,
    kind: item.meta.kind ?? "",
    excerpt: excerptParts(item.excerpt),
  }));
}
