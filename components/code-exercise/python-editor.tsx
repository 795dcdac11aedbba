"use client";

import Editor, { loader, type OnMount } from "@monaco-editor/react";
import { useEffect, useRef, useState } from "react";

// Monaco comes from the app's own bundle, never a CDN: @monaco-editor/react is pointed at the
// installed package, and its web worker is bundled too. See docs/decisions/0004-static-lessons-client-state.md.
let ready: Promise<void> | undefined;

function loadMonaco(): Promise<void> {
  ready ??= (async () => {
    (self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
      getWorker: () => new Worker(new URL("monaco-editor/editor/editor.worker.js", import.meta.url), { type: "module" }),
    };
    const monaco = await import("monaco-editor");
    loader.config({ monaco });
  })();
  return ready;
}

type Props = {
  value: string;
  onChange(value: string): void;
  onRun(): void;
  label: string;
};

export function PythonEditor({ value, onChange, onRun, label }: Props) {
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  const runRef = useRef(onRun);
  useEffect(() => {
    runRef.current = onRun;
  }, [onRun]);

  useEffect(() => {
    let live = true;
    loadMonaco().then(
      () => live && setLoaded(true),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  const onMount: OnMount = (editor, monaco) => {
    // Ctrl+Enter / Cmd+Enter runs the code.
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => runRef.current());
    editor.getContainerDomNode().setAttribute("data-testid", "code-editor");
  };

  if (failed) {
    // Still usable without Monaco: a plain text area.
    return (
      <textarea
        className="code-fallback"
        aria-label={label}
        value={value}
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if ((event.ctrlKey || event.metaKey) && event.key === "Enter") onRun();
        }}
      />
    );
  }
  if (!loaded)
    return (
      <div className="editor-loading" role="status">
        Loading the editor…
      </div>
    );
  return (
    <div className="editor-frame">
      <Editor
        height="420px"
        language="python"
        value={value}
        onChange={(next) => onChange(next ?? "")}
        onMount={onMount}
        theme={window.matchMedia("(prefers-color-scheme: dark)").matches ? "vs-dark" : "vs"}
        options={{
          minimap: { enabled: false },
          fontSize: 14,
          tabSize: 4,
          insertSpaces: true,
          scrollBeyondLastLine: false,
          automaticLayout: true,
          ariaLabel: label,
          wordWrap: "on",
          renderWhitespace: "boundary",
          // The default "dimmed" number on the last empty line is too faint to read (1.75:1 contrast).
          renderFinalNewline: "on",
        }}
      />
    </div>
  );
}
