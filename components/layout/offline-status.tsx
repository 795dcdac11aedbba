"use client";

import { useEffect, useSyncExternalStore } from "react";
import { isOffline, subscribeConnection } from "@/lib/client/connection";

// Registers the offline service worker (public/sw.js, docs/decisions/0026-offline.md) and says, while the
// server cannot be reached, what still works and what waits for the connection.

async function registerOfflineWorker() {
  const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  const worker = registration.active ?? registration.waiting ?? registration.installing;
  // What this page loaded before the worker was in control: its address and its scripts and styles.
  const urls = [location.href, ...performance.getEntriesByType("resource").map((entry) => entry.name)];
  const send = () => (registration.active ?? worker)?.postMessage({ type: "crossroads-keep", urls });
  if (worker?.state === "activated") send();
  else worker?.addEventListener("statechange", () => worker.state === "activated" && send());
}

/** `registerWorker` is false unless the server runs in production: in development a kept page would hide every edit. */
export function OfflineStatus({ registerWorker }: { registerWorker: boolean }) {
  const offline = useSyncExternalStore(subscribeConnection, isOffline, () => false);
  useEffect(() => {
    if (!registerWorker || !("serviceWorker" in navigator)) return;
    // The site works without it, only not offline: say why in the console, where a developer looks.
    registerOfflineWorker().catch((error: unknown) => console.warn("The offline service worker was not installed:", error));
  }, [registerWorker]);
  if (!offline) return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <strong>You are offline.</strong> Lessons you have read here open, and Run works for Flask and Django exercises. Your drafts and the
      lessons you mark complete are kept in this browser and sent when the connection returns. Quizzes, submissions and FastAPI runs need
      the connection.
    </div>
  );
}
