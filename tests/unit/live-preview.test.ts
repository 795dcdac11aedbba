import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { describe, expect, it, vi } from "vitest";
import { appTarget, frameWhere, previewHtml, previewLocation, previewPrefix } from "@/lib/preview/addresses";
import { CookieJar } from "@/lib/preview/cookie-jar";
import { addPreviewSession, replyTo, type RelayReply } from "@/lib/preview/relay";
import { fromBase64, leavesPreview, PreviewSession, toBase64 } from "@/lib/preview/session";

const PREFIX = previewPrefix("0123456789abcdef0123");

describe("the preview's addresses", () => {
  it("gives the app the path and query after the session's prefix", () => {
    expect(appTarget(`https://x.test${PREFIX}`, PREFIX)).toBe("/");
    expect(appTarget(`https://x.test${PREFIX}/`, PREFIX)).toBe("/");
    expect(appTarget(`https://x.test${PREFIX}/items/3?sort=name&q=a%20b`, PREFIX)).toBe("/items/3?sort=name&q=a%20b");
  });

  it("keeps the app's redirects inside the preview, and leaves other sites alone", () => {
    expect(previewLocation("/login?next=%2F", PREFIX)).toBe(`${PREFIX}/login?next=%2F`);
    expect(previewLocation("http://localhost/done", PREFIX)).toBe(`${PREFIX}/done`);
    expect(previewLocation("http://localhost", PREFIX)).toBe(`${PREFIX}/`);
    expect(previewLocation("https://example.com/x", PREFIX)).toBe("https://example.com/x");
    expect(previewLocation("//evil.example/x", PREFIX)).toBe("//evil.example/x");
    expect(previewLocation("next-page", PREFIX), "relative: the browser resolves it in the preview").toBe("next-page");
    expect(previewLocation(`${PREFIX}/already`, PREFIX)).toBe(`${PREFIX}/already`);
  });

  it("moves root-relative links, sources and form actions into the preview, quoted or not", () => {
    const html = `<a href="/a">a</a> <img src='/static/x.png'> <form action=/add method=post><button formaction="/other">x</button></form>`;
    expect(previewHtml(html, PREFIX)).toBe(
      `<a href="${PREFIX}/a">a</a> <img src='${PREFIX}/static/x.png'> <form action=${PREFIX}/add method=post><button formaction="${PREFIX}/other">x</button></form>`,
    );
    const untouched = `<a href="https://example.com/">x</a><a href="//cdn.example/x">y</a><a href="rel">z</a><p>href="/not-an-attribute"</p><a href="${PREFIX}/b">b</a>`;
    expect(previewHtml(untouched, PREFIX)).toBe(untouched);
  });
});

describe("where the panel's frame is", () => {
  it("reads the app's path, and says the frame left when it shows another site or a course address", () => {
    const at = (href: string) => ({ location: { href } });
    expect(frameWhere(at(`https://x.test${PREFIX}/items?a=1`), PREFIX)).toBe("/items?a=1");
    expect(frameWhere(at(`https://x.test${PREFIX}`), PREFIX)).toBe("/");
    expect(frameWhere(at("about:blank"), PREFIX)).toBeUndefined();
    expect(frameWhere(undefined, PREFIX)).toBeUndefined();
    expect(frameWhere(at("https://x.test/api/progress"), PREFIX)).toBe("left");
    expect(frameWhere(at(`https://x.test${PREFIX}0/x`), PREFIX)).toBe("left");
    const crossOrigin = {
      location: {
        get href(): string {
          throw new DOMException("Blocked a frame from accessing a cross-origin frame.", "SecurityError");
        },
      },
    };
    expect(frameWhere(crossOrigin, PREFIX), "another site's address cannot be read: reading it throws").toBe("left");
  });
});

describe("the preview's cookie jar", () => {
  it("stores, replaces and sends cookies, and deletes them on Max-Age=0 or a past Expires", () => {
    const jar = new CookieJar();
    expect(jar.header()).toBeUndefined();
    jar.store(["session=abc; HttpOnly; Path=/", "theme=dark; Max-Age=60"], 1_000);
    expect(jar.header(1_000)).toBe("session=abc; theme=dark");
    jar.store(["session=def; Path=/"], 2_000);
    expect(jar.header(2_000)).toBe("session=def; theme=dark");
    expect(jar.header(62_000), "theme's minute is over").toBe("session=def");
    jar.store(["session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/"], 3_000);
    expect(jar.header(3_000)).toBeUndefined();
    jar.store(["no-equals-sign", "=nameless"], 3_000);
    expect(jar.header(3_000)).toBeUndefined();
  });
});

describe("a preview session", () => {
  it("sends the jar's cookies instead of the browser's, keeps Set-Cookie and X-Frame-Options from the frame, logs the request", async () => {
    const seen: { target: string; headers: [string, string][] }[] = [];
    const log: string[] = [];
    const session = new PreviewSession(
      "0123456789abcdef0123",
      async (request) => {
        seen.push({ target: request.target, headers: request.headers });
        return {
          status: 303,
          headers: [
            ["Location", "/thanks"],
            ["Set-Cookie", "visited=1; Path=/"],
            ["X-Frame-Options", "DENY"],
            ["Content-Type", "text/plain"],
          ],
          body: toBase64(new TextEncoder().encode("moved").buffer as ArrayBuffer),
          printed: "hello\n",
        };
      },
      (entry) => log.push(`${entry.method} ${entry.target} ${entry.status} ${entry.printed.trim()}`),
    );
    expect(session.owns(`https://x.test${PREFIX}/a`)).toBe(true);
    expect(session.owns(`https://x.test${PREFIX}0/a`)).toBe(false);
    const request = {
      method: "POST",
      url: `https://x.test${PREFIX}/send?x=1`,
      headers: [
        ["Cookie", "crossroads-session=secret"],
        ["Content-Type", "application/x-www-form-urlencoded"],
      ] as [string, string][],
      body: new TextEncoder().encode("a=1").buffer as ArrayBuffer,
    };
    const response = await session.handle(request);
    expect(response.status).toBe(303);
    expect(response.headers).toEqual([
      ["Location", `${PREFIX}/thanks`],
      ["Content-Type", "text/plain"],
    ]);
    expect(new TextDecoder().decode(response.body)).toBe("moved");
    expect(seen[0].target).toBe("/send?x=1");
    expect(seen[0].headers).toEqual([
      ["Content-Type", "application/x-www-form-urlencoded"],
      ["Origin", "http://localhost"],
    ]);
    await session.handle({ ...request, method: "GET", body: new ArrayBuffer(0) });
    expect(seen[1].headers).toEqual([
      ["Content-Type", "application/x-www-form-urlencoded"],
      ["Cookie", "visited=1"],
    ]);
    expect(log).toEqual(["POST /send?x=1 303 hello", "GET /send?x=1 303 hello"]);
  });

  it("round-trips any bytes through base64", () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => i % 256);
    expect(new Uint8Array(fromBase64(toBase64(bytes.buffer)))).toEqual(bytes);
  });
});

describe("the preview never leads the frame out of its own preview on Crossroads' origin", () => {
  const URL_IN = `https://crossroads.test${PREFIX}/add`;
  const answering = (status: number, headers: [string, string][]) =>
    new PreviewSession("0123456789abcdef0123", async () => ({ status, headers, body: toBase64(new ArrayBuffer(0)), printed: "" }));
  const post = {
    method: "POST",
    url: URL_IN,
    headers: [] as [string, string][],
    body: new TextEncoder().encode("a=1").buffer as ArrayBuffer,
  };

  it("knows which addresses leave the preview", () => {
    expect(leavesPreview("../../api/progress", URL_IN, PREFIX)).toBe(true);
    expect(leavesPreview("https://crossroads.test/api/progress", URL_IN, PREFIX)).toBe(true);
    expect(leavesPreview("/preview/ffffffffffffffffffff/x", URL_IN, PREFIX), "another window's preview").toBe(true);
    expect(leavesPreview(`${PREFIX}0/x`, URL_IN, PREFIX)).toBe(true);
    expect(leavesPreview(`${PREFIX}/x`, URL_IN, PREFIX)).toBe(false);
    expect(leavesPreview(PREFIX, URL_IN, PREFIX)).toBe(false);
    expect(leavesPreview("thanks", URL_IN, PREFIX)).toBe(false);
    expect(leavesPreview("https://example.com/api", URL_IN, PREFIX), "other sites are the app's business").toBe(false);
  });

  it("refuses a redirect to a course address (a 307 would re-post the form there with the learner's cookies)", async () => {
    for (const location of ["../../api/progress", "https://crossroads.test/api/progress", "//crossroads.test/learn", "/../../api/x"]) {
      const response = await answering(307, [["Location", location]]).handle(post);
      expect(response.status, location).toBe(502);
      expect(
        response.headers.some(([name]) => name.toLowerCase() === "location"),
        location,
      ).toBe(false);
      expect(new TextDecoder().decode(response.body)).toContain("did not follow it");
    }
    const inside = await answering(307, [["Location", "/next"]]).handle(post);
    expect(inside.headers).toEqual([["Location", `${PREFIX}/next`]]);
    const elsewhere = await answering(302, [["Location", "https://example.com/"]]).handle(post);
    expect(elsewhere.headers).toEqual([["Location", "https://example.com/"]]);
  });

  it("moves a Refresh header's address into the preview, drops one that leaves it, and drops origin-wide headers", async () => {
    const response = await answering(200, [
      ["Refresh", "0; url=/done"],
      ["Refresh", "1;URL='../../api/progress'"],
      ["Refresh", "5"],
      ["Clear-Site-Data", '"*"'],
      ["Reporting-Endpoints", 'main="/api/progress"'],
      ["Report-To", '{"endpoints":[{"url":"/api/progress"}]}'],
      ["NEL", '{"report_to":"main"}'],
      ["X-Request-ID", "abc"],
      ["Content-Security-Policy", "default-src 'self'; report-uri /api/progress; img-src *, script-src 'none'; report-to main"],
      ["Content-Security-Policy-Report-Only", "report-uri /api/progress"],
    ]).handle(post);
    expect(response.headers).toEqual([
      ["Refresh", `0; url=${PREFIX}/done`],
      ["Refresh", "5"],
      ["X-Request-ID", "abc"],
      ["Content-Security-Policy", "default-src 'self'; img-src *, script-src 'none'"],
    ]);
  });
});

describe("the page's answer to the service worker", () => {
  it("answers for its own session even when the app's side fails, and says 'not mine' otherwise", async () => {
    const session = new PreviewSession("fedcba9876543210fedc", async () => {
      throw new Error("worker gone");
    });
    const remove = addPreviewSession(session);
    const replies: RelayReply[] = [];
    const port = { postMessage: (reply: RelayReply) => replies.push(reply) };
    const request = { method: "GET", url: `https://x.test${session.prefix}/`, headers: [], body: new ArrayBuffer(0) };
    await replyTo({ type: "crossroads-preview", session: session.id, request }, port);
    await replyTo({ type: "crossroads-preview", session: "someone-elses-session", request }, port);
    await replyTo(null, port);
    remove();
    await replyTo({ type: "crossroads-preview", session: session.id, request }, port);
    expect(replies[0].owner).toBe(true);
    const first = replies[0] as Extract<RelayReply, { owner: true }>;
    expect(first.response.status).toBe(500);
    expect(new TextDecoder().decode(first.response.body)).toContain("worker gone");
    expect(replies.slice(1)).toEqual([{ owner: false }, { owner: false }, { owner: false }]);
  });
});

describe("the preview's service worker (public/preview/sw.js)", () => {
  const ORIGIN = "https://crossroads.test";
  const SESSION = "0123456789abcdef0123";
  type FakeRequest = {
    url: string;
    method: string;
    mode: string;
    destination: string;
    referrer: string;
    headers: Headers;
    arrayBuffer(): Promise<ArrayBuffer>;
  };

  /** Runs sw.js with one course window that answers every relayed request with `answer`. */
  function serviceWorker(
    answer: (message: { session: string; request: { method: string; body: ArrayBuffer } }) => unknown,
    { silentWindows = 0 } = {},
  ) {
    const listeners = new Map<string, (event: unknown) => void>();
    const asked: unknown[] = [];
    const window = {
      postMessage(message: { session: string; request: { method: string; body: ArrayBuffer } }, [port]: MessagePort[]) {
        asked.push(message);
        port.postMessage(answer(message));
        port.close();
      },
    };
    // A course tab that never opened a preview: no listener, so no answer.
    const silent = Array.from({ length: silentWindows }, () => ({ postMessage() {} }));
    const self = {
      location: new URL(`${ORIGIN}/preview/sw.js`),
      addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
      skipWaiting() {},
      clients: { matchAll: async () => [...silent, window], claim: async () => {} },
    };
    vm.runInNewContext(fs.readFileSync(path.join(process.cwd(), "public/preview/sw.js"), "utf8"), {
      self,
      URL,
      Response,
      Headers,
      MessageChannel,
      // The 30 s wait for an answer, shortened.
      setTimeout: (callback: () => void) => setTimeout(callback, 200),
      clearTimeout,
    });
    const fetch = (request: Partial<FakeRequest> & { url: string }): Promise<Response> | undefined => {
      let responded: Promise<Response> | undefined;
      const full: FakeRequest = {
        method: "GET",
        mode: "navigate",
        destination: "iframe",
        referrer: `${ORIGIN}/learn/flask/forms`,
        headers: new Headers(),
        arrayBuffer: async () => new ArrayBuffer(0),
        ...request,
      };
      listeners.get("fetch")!({ request: full, respondWith: (promise: Promise<Response>) => (responded = promise) });
      return responded;
    };
    return { fetch, asked };
  }
  const ok =
    (headers: [string, string][] = [["Content-Type", "text/html"]]) =>
    () => ({
      owner: true,
      response: { status: 200, headers, body: new TextEncoder().encode("<p>hi</p>").buffer },
    });

  it("answers the panel's frame, with forms allowed to post only inside this preview", async () => {
    const { fetch, asked } = serviceWorker(ok());
    const response = await fetch({ url: `${ORIGIN}/preview/${SESSION}/` })!;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("<p>hi</p>");
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toContain(`form-action ${ORIGIN}/preview/${SESSION}/;`);
    expect(csp).not.toContain("form-action 'self'");
    expect(csp).toContain("sandbox allow-forms allow-same-origin;");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    expect(asked).toHaveLength(1);
    expect(fetch({ url: `${ORIGIN}/preview/sw.js` }), "its own script and other paths go to the network").toBeUndefined();
    expect(fetch({ url: `${ORIGIN}/api/progress` })).toBeUndefined();
  });

  it("refuses a top-level page and another site's frame or form without asking any window", async () => {
    const { fetch, asked } = serviceWorker(ok());
    const topLevel = await fetch({ url: `${ORIGIN}/preview/${SESSION}/`, destination: "document" })!;
    expect(topLevel.status).toBe(403);
    expect(await topLevel.text()).toContain("only in its panel");
    const foreign = await fetch({ url: `${ORIGIN}/preview/${SESSION}/add`, method: "POST", referrer: "https://evil.example/page" })!;
    expect(foreign.status).toBe(403);
    expect(asked).toHaveLength(0);
    const noReferrer = await fetch({ url: `${ORIGIN}/preview/${SESSION}/img.png`, mode: "no-cors", destination: "image", referrer: "" })!;
    expect(noReferrer.status, "an app may ask for no referrer on its own pages").toBe(200);
  });

  it("with many windows: the owner's answer wins, 'not mine' from all is a 404, a window that never answers is a 504", async () => {
    const owned = serviceWorker(ok(), { silentWindows: 2 });
    expect((await owned.fetch({ url: `${ORIGIN}/preview/${SESSION}/` })!).status).toBe(200);
    const closed = serviceWorker(() => ({ owner: false }));
    const gone = await closed.fetch({ url: `${ORIGIN}/preview/${SESSION}/` })!;
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain("closed or reloaded");
    const unanswered = serviceWorker(() => ({ owner: false }), { silentWindows: 1 });
    const late = await unanswered.fetch({ url: `${ORIGIN}/preview/${SESSION}/` })!;
    expect(late.status).toBe(504);
    expect(await late.text()).toContain("may still be busy");
    expect(late.headers.get("content-security-policy")).toContain("sandbox");
  });

  it("refuses a body too large to copy to every window, and turns an answer it cannot pass on into a 502", async () => {
    const { fetch, asked } = serviceWorker(ok([["X-Bad", "line\nbreak"]]));
    const big = await fetch({
      url: `${ORIGIN}/preview/${SESSION}/upload`,
      method: "POST",
      arrayBuffer: async () => new ArrayBuffer(11 * 1024 * 1024),
    })!;
    expect(big.status).toBe(413);
    expect(asked).toHaveLength(0);
    const bad = await fetch({ url: `${ORIGIN}/preview/${SESSION}/` })!;
    expect(bad.status).toBe(502);
    expect(bad.headers.get("content-security-policy")).toContain("sandbox allow-forms allow-same-origin");
  });
});

describe("the Python worker's lock-down (learner code reaches Pyodide's `js` module)", () => {
  it("removes the network, storage and nested workers from the global and its prototypes for good, and keeps postMessage", async () => {
    vi.stubGlobal("self", {});
    const { lockDown, LOCKED_DOWN } = await import("@/lib/runner/browser/python.worker");
    vi.unstubAllGlobals();
    class WorkerNavigator {
      get serviceWorker() {
        return { register() {} };
      }
      get storage() {
        return { getDirectory() {} };
      }
      get hardwareConcurrency() {
        return 2;
      }
    }
    class WorkerGlobalScope {
      fetch() {
        return "fetched";
      }
      importScripts() {}
    }
    const scope = Object.assign(new WorkerGlobalScope(), {
      XMLHttpRequest: class {},
      Worker: class {},
      indexedDB: {},
      caches: {},
      postMessage: () => "replied",
      navigator: new WorkerNavigator(),
    });
    lockDown(scope);
    const globals = scope as unknown as Record<string, unknown>;
    for (const name of LOCKED_DOWN) expect(globals[name], name).toBeUndefined();
    expect(WorkerGlobalScope.prototype.fetch, "not left on the prototype to be found again").toBeUndefined();
    expect(() => (globals.fetch = () => "put back")).toThrow(TypeError);
    expect(Reflect.defineProperty(scope, "fetch", { value: () => "put back" })).toBe(false);
    expect(globals.fetch, "cannot be put back").toBeUndefined();
    const navigator = scope.navigator as unknown as Record<string, unknown>;
    expect(navigator.serviceWorker).toBeUndefined();
    expect(navigator.storage).toBeUndefined();
    expect(navigator.hardwareConcurrency).toBe(2);
    expect(scope.postMessage()).toBe("replied");
  });
});
