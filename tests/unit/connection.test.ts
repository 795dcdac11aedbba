import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// lib/client/connection.ts keeps module state: a fresh copy per test.
async function load() {
  vi.resetModules();
  return import("@/lib/client/connection");
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal("navigator", { onLine: true });
  vi.stubGlobal("window", { addEventListener: vi.fn(), removeEventListener: vi.fn() });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("the page's view of the connection", () => {
  it("goes offline when a request cannot reach the server, and back when a probe gets any answer", async () => {
    const fetch = vi.fn().mockRejectedValue(new TypeError("Failed to fetch"));
    vi.stubGlobal("fetch", fetch);
    const connection = await load();
    const changes = vi.fn();
    connection.subscribeConnection(changes);
    expect(connection.isOffline()).toBe(false);

    connection.reportReachability(false);
    expect(connection.isOffline()).toBe(true);
    expect(changes).toHaveBeenCalledTimes(1);
    connection.reportReachability(false);
    expect(changes, "no news, no call").toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(5_000);
    expect(fetch).toHaveBeenCalledWith("/api/health", { cache: "no-store" });
    expect(connection.isOffline(), "the probe failed too").toBe(true);

    fetch.mockResolvedValue(new Response(null, { status: 503 }));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(connection.isOffline(), "any HTTP answer means the server is reachable").toBe(false);
    expect(changes).toHaveBeenCalledTimes(2);
    const calls = fetch.mock.calls.length;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(fetch.mock.calls.length, "no probing while reachable").toBe(calls);
  });

  it("is offline while the browser says it has no network", async () => {
    const connection = await load();
    vi.stubGlobal("navigator", { onLine: false });
    expect(connection.isOffline()).toBe(true);
  });
});
