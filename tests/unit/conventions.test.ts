import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The rules of docs/conventions.md that a grep can hold: settings come from lib/config.ts, and only
// app/ (and the tests of its routes) imports from app/.

const root = path.resolve(__dirname, "../..");

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(ts|tsx|mts)$/.test(file) && !file.includes("node_modules"))
    .map((file) => path.join(folder, file));
}

function filesMatching(folders: string[], pattern: RegExp): string[] {
  return folders.flatMap(sourceFiles).filter((file) => pattern.test(readFileSync(path.join(root, file), "utf8")));
}

describe("conventions", () => {
  it("reads the environment only in lib/config.ts", () => {
    expect(filesMatching(["app", "lib", "components"], /process\.env/)).toEqual(["lib/config.ts"]);
  });

  it("keeps app/ out of lib/ and components/ imports", () => {
    expect(filesMatching(["lib", "components"], /from ["']@\/app\/|from ["'](\.\.\/)+app\//)).toEqual([]);
  });
});
