// Reading lesson.md for code samples that show their output (docs/content-format.md, "Samples that show
// their output"), and comparing what a sample printed with what the lesson shows.

export type Sample =
  | { kind: "output"; line: number; code: string; output: string }
  | { kind: "not-run"; line: number; reason: string }
  | { kind: "unmarked"; line: number };

interface Fence {
  lang: string;
  info: string;
  /** 1-based line of the opening fence. */
  line: number;
  text: string;
  /** 0-based index of the closing fence's line. */
  end: number;
}

function fences(lines: string[]): Fence[] {
  const found: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && !lines[end].startsWith("```")) end++;
    found.push({ lang: open[1], info: open[2].trim(), line: i + 1, text: lines.slice(i + 1, end).join("\n"), end });
    i = end;
  }
  return found;
}

/**
 * Each text block that follows a Python block with only blank lines between them, and each text block
 * marked as output wherever it is: `text output` (the Python block above is run and compared),
 * `text output-not-run: <reason>`, or unmarked (an error: say which it is).
 */
export function codeSamples(markdown: string): Sample[] {
  const lines = markdown.split("\n");
  const blocks = fences(lines);
  const samples: Sample[] = [];
  blocks.forEach((block, i) => {
    const previous = blocks[i - 1];
    const afterPython = previous?.lang === "python" && lines.slice(previous.end + 1, block.line - 1).every((line) => !line.trim());
    if (block.lang !== "text") return;
    const notRun = /^output-not-run:\s*(.*)$/.exec(block.info);
    if (block.info === "output" && afterPython) samples.push({ kind: "output", line: block.line, code: previous.text, output: block.text });
    else if (notRun) samples.push({ kind: "not-run", line: block.line, reason: notRun[1].trim() });
    else if (afterPython || block.info === "output") samples.push({ kind: "unmarked", line: block.line });
  });
  return samples;
}

function linesOf(text: string): string[] {
  const lines = text.split("\n").map((line) => line.trimEnd());
  while (lines.length && !lines[lines.length - 1]) lines.pop();
  return lines;
}

/** True when `printed` is `shown` line by line (trailing spaces aside); a line `...` alone in `shown` stands for any lines. */
export function outputMatches(printed: string, shown: string): boolean {
  const got = linesOf(printed);
  const want = linesOf(shown);
  const match = (g: number, w: number): boolean => {
    if (w === want.length) return g === got.length;
    if (want[w].trim() === "...") {
      for (let skip = g; skip <= got.length; skip++) if (match(skip, w + 1)) return true;
      return false;
    }
    return g < got.length && got[g] === want[w] && match(g + 1, w + 1);
  };
  return match(0, 0);
}
