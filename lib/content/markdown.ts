import "server-only";
import { Marked, type Tokens } from "marked";
import { createHighlighter, type Highlighter } from "shiki";

export interface TocEntry {
  id: string;
  text: string;
  depth: 2 | 3;
}

export interface RenderedMarkdown {
  html: string;
  toc: TocEntry[];
}

const LANGS = [
  "python",
  "bash",
  "shell",
  "html",
  "jinja",
  "json",
  "toml",
  "ini",
  "text",
  "yaml",
  "sql",
  "http",
  "dockerfile",
  "javascript",
  "typescript",
];

// GitHub's "default" themes: the older github-light/github-dark fail WCAG AA contrast for parameters
// (3.5:1) and comments (3.0:1), which axe reported on lesson pages.
const THEMES = { light: "github-light-default", dark: "github-dark-default" } as const;

let highlighter: Promise<Highlighter> | undefined;

/** One highlighter per process; highlighting happens on the server at build time, never in the browser. */
function getHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: Object.values(THEMES), langs: LANGS });
  return highlighter;
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]+>/g, "")
    .replace(/&[a-z]+;/g, "")
    .replace(/[^a-z0-9\s-]/g, "")
    .trim()
    .replace(/\s+/g, "-")
    .slice(0, 80);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Highlights one code block: light and dark colours as CSS variables, switched by the colour scheme. */
export async function highlightCode(code: string, lang = "python"): Promise<string> {
  return toHtml(await getHighlighter(), code.replace(/\n$/, ""), lang);
}

function toHtml(hl: Highlighter, code: string, lang: string): string {
  const language = hl.getLoadedLanguages().includes(lang) ? lang : "text";
  return hl.codeToHtml(code, { lang: language, themes: THEMES, defaultColor: false });
}

/** Renders trusted course Markdown to HTML with highlighted code and heading anchors. */
export async function renderMarkdown(source: string): Promise<RenderedMarkdown> {
  const hl = await getHighlighter();
  const toc: TocEntry[] = [];
  const used = new Map<string, number>();
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Heading) {
        const inner = this.parser.parseInline(token.tokens);
        const base = slugify(inner) || "section";
        const count = used.get(base) ?? 0;
        used.set(base, count + 1);
        const id = count ? `${base}-${count}` : base;
        if (token.depth === 2 || token.depth === 3) toc.push({ id, text: inner.replace(/<[^>]+>/g, ""), depth: token.depth });
        return `<h${token.depth} id="${id}"><a class="anchor" href="#${id}" aria-hidden="true" tabindex="-1">#</a>${inner}</h${token.depth}>\n`;
      },
      code(token: Tokens.Code) {
        const lang = (token.lang ?? "text").split(/\s/)[0] || "text";
        return `<figure class="code-block" data-lang="${escapeHtml(lang)}">${toHtml(hl, token.text, lang)}</figure>\n`;
      },
      table(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Table) {
        const cell = (c: Tokens.TableCell, tag: "th" | "td") => `<${tag}>${this.parser.parseInline(c.tokens)}</${tag}>`;
        const head = `<tr>${token.header.map((c) => cell(c, "th")).join("")}</tr>`;
        const rows = token.rows.map((r) => `<tr>${r.map((c) => cell(c, "td")).join("")}</tr>`).join("");
        return `<div class="table-wrap" tabindex="0"><table><thead>${head}</thead><tbody>${rows}</tbody></table></div>\n`;
      },
    },
  });
  const html = await marked.parse(source);
  return { html, toc };
}

/** Renders a short inline Markdown string (quiz options, prompts) without block wrappers. */
export function renderInline(source: string): string {
  return new Marked({ gfm: true }).parseInline(source) as string;
}
