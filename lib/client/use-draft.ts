"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { reportReachability } from "@/lib/client/connection";

export type SaveState = "loading" | "saved" | "saving" | "unsaved" | "offline" | "local-only";

interface LocalDraft {
  code: string;
  editedAt: string;
  synced: boolean;
}

const SAVE_DELAY_MS = 800;
const RETRY_MS = 10_000;

function storageKey(userId: string | null, exerciseId: string) {
  return `crossroads:draft:${userId ?? "guest"}:${exerciseId}`;
}

function readLocal(key: string): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as LocalDraft) : null;
  } catch {
    return null;
  }
}

function writeLocal(key: string, draft: LocalDraft) {
  try {
    window.localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the server copy is still attempted.
  }
}

/**
 * The learner's code for one exercise, never lost: every change is kept in localStorage at once and
 * sent to the server after a short pause. When the server cannot be reached the local copy waits
 * and is sent when the browser is back online. On open, the newest of the two copies wins.
 */
export function useDraft(exerciseId: string, starter: string, userId: string | null) {
  const key = storageKey(userId, exerciseId);
  const [code, setCodeState] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<SaveState>("loading");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(false);
  // The latest push, for the retry timer it schedules for itself.
  const pushRef = useRef<() => Promise<void>>(async () => {});

  const push = useCallback(async () => {
    if (!userId) return;
    const local = readLocal(key);
    if (!local || local.synced || inFlight.current) return;
    inFlight.current = true;
    setSaveState("saving");
    try {
      const response = await fetch(`/api/drafts/${exerciseId}`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ code: local.code, editedAt: local.editedAt }),
      });
      reportReachability(true);
      if (!response.ok) throw new Error(String(response.status));
      const latest = readLocal(key);
      // Only mark synced if nothing was typed while the request was out.
      if (latest && latest.editedAt === local.editedAt) writeLocal(key, { ...latest, synced: true });
      setSaveState(latest?.editedAt === local.editedAt ? "saved" : "unsaved");
    } catch (error) {
      // A fetch that never got an answer: the server is out of reach until a request gets through.
      if (error instanceof TypeError) reportReachability(false);
      setSaveState("offline");
    } finally {
      inFlight.current = false;
    }
    if (!readLocal(key)?.synced) {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void pushRef.current(), navigator.onLine ? SAVE_DELAY_MS : RETRY_MS);
    }
  }, [exerciseId, key, userId]);
  useEffect(() => {
    pushRef.current = push;
  }, [push]);

  // Load: the newest of the local and the server copy, or the starter code.
  useEffect(() => {
    let live = true;
    (async () => {
      const local = readLocal(key);
      let server = null as { code: string; editedAt: string } | null;
      if (userId) {
        try {
          const response = await fetch(`/api/drafts/${exerciseId}`, { cache: "no-store" });
          if (response.ok) server = ((await response.json()) as { draft: { code: string; editedAt: string } | null }).draft;
        } catch {
          // Offline: the local copy (if any) is used and synced later.
        }
      }
      if (!live) return;
      const newest = [local, server].filter(Boolean).sort((a, b) => b!.editedAt.localeCompare(a!.editedAt))[0];
      setCodeState(newest?.code ?? starter);
      if (local && !local.synced && (!server || local.editedAt > server.editedAt)) {
        setSaveState("unsaved");
        void push();
      } else {
        setSaveState(userId ? "saved" : "local-only");
      }
    })();
    return () => {
      live = false;
    };
  }, [exerciseId, key, push, starter, userId]);

  useEffect(() => {
    const online = () => void push();
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      clearTimeout(timer.current);
    };
  }, [push]);

  const setCode = useCallback(
    (next: string) => {
      setCodeState(next);
      writeLocal(key, { code: next, editedAt: new Date().toISOString(), synced: false });
      if (!userId) return setSaveState("local-only");
      setSaveState("unsaved");
      clearTimeout(timer.current);
      timer.current = setTimeout(push, SAVE_DELAY_MS);
    },
    [key, push, userId],
  );

  return { code, setCode, saveState };
}
