import { describe, expect, it } from "vitest";
import { appTarget, previewHtml, previewLocation, previewPrefix } from "@/lib/preview/addresses";
import { CookieJar } from "@/lib/preview/cookie-jar";
import { fromBase64, PreviewSession, toBase64 } from "@/lib/preview/session";

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
