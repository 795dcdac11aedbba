// Build step after `next build` (package.json "build"; scripts/app.sh and scripts/e2e-server.sh run it):
// writes the Pagefind search index to public/pagefind, which `next start` serves as static files
// (it lists public/ when it starts, so the index must exist before the server starts).
// See docs/decisions/0021-search-pagefind.md.
//
//   npx tsx --conditions=react-server scripts/build-search-index.mts
//
// Indexed: every prerendered page that marks a region with data-pagefind-body (the lesson pages), read
// from <NEXT_DIST_DIR>/server/app, and the project briefs. Project pages are rendered per request (they
// show the signed-in learner's milestones), so no prerendered file exists for them: their brief is
// rendered here with the same Markdown renderer and indexed under the page's address.
// Quiz explanations are not indexed: they are shown only with a graded attempt, never on a public page.
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as pagefind from "pagefind";
import { getCourse } from "@/lib/content/load";
import { renderMarkdown } from "@/lib/content/markdown";
import { FRAMEWORK_NAMES } from "@/lib/content/schema";

const root = path.resolve(import.meta.dirname, "..");
const pagesDir = path.join(root, process.env.NEXT_DIST_DIR ?? ".next", "server", "app");
const outputPath = path.join(root, "public", "pagefind");

/** Every .html file under `dir`, as paths relative to it. */
function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html"))
    .sort();
}

/** The address a prerendered file is served at: learn/flask/first-app.html → /learn/flask/first-app. */
function pageUrl(file: string): string {
  const name = file
    .split(path.sep)
    .join("/")
    .replace(/\.html$/, "");
  return name === "index" ? "/" : `/${name}`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

async function main() {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "en" });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  const problems: string[] = [];
  let pages = 0;

  for (const file of htmlFiles(pagesDir)) {
    const content = readFileSync(path.join(pagesDir, file), "utf8");
    // Pages without a marked region (home, sign-in, track lists, not-found) are not search results.
    if (!content.includes("data-pagefind-body")) continue;
    const added = await index.addHTMLFile({ url: pageUrl(file), content });
    problems.push(...added.errors);
    pages++;
  }
  if (pages === 0) throw new Error(`No page marked with data-pagefind-body under ${pagesDir}: run next build first.`);

  for (const project of getCourse().projects.values()) {
    const { html } = await renderMarkdown(project.brief);
    const kind = `${FRAMEWORK_NAMES[project.track]} project`;
    const content = [
      `<html lang="en"><body><main data-pagefind-body>`,
      `<p data-pagefind-ignore><span data-pagefind-meta="kind">${escapeHtml(kind)}</span></p>`,
      `<h1 data-pagefind-meta="title">${escapeHtml(project.title)}</h1>`,
      html,
      `<h2>Stretch goals</h2><ul>${project.stretch.map((goal) => `<li>${escapeHtml(goal)}</li>`).join("")}</ul>`,
      `</main></body></html>`,
    ].join("");
    const added = await index.addHTMLFile({ url: `/projects/${project.id}`, content });
    problems.push(...added.errors);
    pages++;
  }

  if (problems.length > 0) throw new Error(`Pagefind could not index every page:\n${problems.join("\n")}`);
  // A fresh folder: an earlier build's fragments would otherwise stay next to the new ones.
  rmSync(outputPath, { recursive: true, force: true });
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length > 0) throw new Error(`Pagefind could not write the index: ${written.errors.join("; ")}`);
  // Pagefind's ready-made interfaces: the site has its own dialog (components/search/site-search.tsx).
  for (const file of readdirSync(outputPath)) {
    if (/^pagefind-(component-ui|modular-ui|ui|highlight)\./.test(file)) rmSync(path.join(outputPath, file));
  }
  // The index chunks and page fragments, named by their content's hash: the dialog fetches them all once
  // it opens (lib/client/search.ts), so later searches on that page need no network.
  const chunks = ["index", "fragment"].flatMap((dir) => readdirSync(path.join(outputPath, dir)).map((file) => `${dir}/${file}`));
  writeFileSync(path.join(outputPath, "crossroads-files.json"), JSON.stringify(chunks.sort()));
  console.log(`Search index: ${pages} pages in ${path.relative(root, outputPath)}`);
}

try {
  await main();
} finally {
  await pagefind.close();
}
