import { describe, expect, it } from "vitest";
import { excerptParts, opensSearch, type ShortcutEvent } from "@/lib/client/search";

/** A stand-in for a DOM element: enough of closest() for the selectors the shortcut uses (tag, .class, [attr], [attr="v"], :not(...)). */
type FakeNode = { tag: string; classes?: string[]; attrs?: Record<string, string>; parent?: FakeNode };

function matchesSimple(node: FakeNode, selector: string): boolean {
  const not = /^(.*):not\((.*)\)$/.exec(selector);
  if (not) return matchesSimple(node, not[1]) && !matchesSimple(node, not[2]);
  const attr = /^\[([a-z-]+)(?:="([^"]*)")?\]$/.exec(selector);
  if (attr) return attr[1] in (node.attrs ?? {}) && (attr[2] === undefined || node.attrs![attr[1]] === attr[2]);
  if (selector.startsWith(".")) return (node.classes ?? []).includes(selector.slice(1));
  return node.tag === selector;
}

function element(node: FakeNode) {
  return {
    isContentEditable: false,
    closest(selectors: string) {
      for (let at: FakeNode | undefined = node; at; at = at.parent) {
        if (selectors.split(",").some((s) => matchesSimple(at!, s.trim()))) return at;
      }
      return null;
    },
  } as unknown as EventTarget;
}

const body: FakeNode = { tag: "body" };
const key = (overrides: Partial<ShortcutEvent> = {}): ShortcutEvent => ({
  key: "/",
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  isComposing: false,
  defaultPrevented: false,
  target: element({ tag: "a", parent: body }),
  ...overrides,
});

describe("opensSearch: the / shortcut", () => {
  it("opens on / from the page, a link or a button, also when Shift makes the / (some layouts)", () => {
    expect(opensSearch(key())).toBe(true);
    expect(opensSearch(key({ target: element(body) }))).toBe(true);
    expect(opensSearch(key({ target: element({ tag: "button", parent: body }) }))).toBe(true);
    expect(opensSearch(key({ target: null }))).toBe(true);
    expect(opensSearch(key({ target: element({ tag: "div", attrs: { contenteditable: "false" }, parent: body }) }))).toBe(true);
  });

  it("leaves / alone where it is typed: fields, editable regions, the code editor at any depth", () => {
    for (const tag of ["input", "textarea", "select"])
      expect(opensSearch(key({ target: element({ tag, parent: body }) })), tag).toBe(false);
    expect(opensSearch(key({ target: element({ tag: "div", attrs: { contenteditable: "" }, parent: body }) }))).toBe(false);
    expect(opensSearch(key({ target: element({ tag: "div", attrs: { role: "textbox" }, parent: body }) }))).toBe(false);
    // Monaco's own input (a textarea, or an EditContext div that is not contenteditable) sits deep inside .monaco-editor.
    const monaco: FakeNode = { tag: "div", classes: ["monaco-editor"], parent: body };
    const editContext: FakeNode = { tag: "div", classes: ["native-edit-context"], parent: { tag: "div", parent: monaco } };
    expect(opensSearch(key({ target: element(editContext) }))).toBe(false);
    expect(opensSearch(key({ target: { isContentEditable: true } as unknown as EventTarget }))).toBe(false);
  });

  it("ignores other keys, modified slashes, IME composition and events someone already handled", () => {
    expect(opensSearch(key({ key: "?" }))).toBe(false);
    expect(opensSearch(key({ key: "s" }))).toBe(false);
    expect(opensSearch(key({ ctrlKey: true }))).toBe(false);
    expect(opensSearch(key({ metaKey: true }))).toBe(false);
    expect(opensSearch(key({ altKey: true }))).toBe(false);
    expect(opensSearch(key({ isComposing: true }))).toBe(false);
    expect(opensSearch(key({ defaultPrevented: true }))).toBe(false);
  });
});

describe("excerptParts: Pagefind's excerpt as text", () => {
  it("splits on <mark> and decodes entities, so the dialog renders text, never HTML", () => {
    expect(excerptParts("use <mark>select_related</mark> to avoid N+1 &amp; more")).toEqual([
      { text: "use ", marked: false },
      { text: "select_related", marked: true },
      { text: " to avoid N+1 & more", marked: false },
    ]);
    expect(excerptParts("&lt;script&gt;alert(1)&lt;/script&gt; &#39;x&#x27; &bogus;")).toEqual([
      { text: "<script>alert(1)</script> 'x' &bogus;", marked: false },
    ]);
  });

  it("drops any other tag and empty pieces", () => {
    expect(excerptParts("<mark></mark><b>bold</b> <MARK>x</MARK>")).toEqual([
      { text: "bold ", marked: false },
      { text: "x", marked: true },
    ]);
    expect(excerptParts("")).toEqual([]);
  });
});
