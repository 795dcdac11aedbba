// The live preview's cookies. A service worker cannot set cookies on the responses it makes, and the learner's
// app must never see Crossroads' own, so the page keeps the app's cookies here: one jar per preview, by name,
// sent with every request to that preview whatever its path (the app is the only site in it).

type Stored = { value: string; expires: number | null };

export class CookieJar {
  private cookies = new Map<string, Stored>();

  /** Applies each Set-Cookie header of a response: a new value, or a deletion (Max-Age <= 0, an Expires in the past). */
  store(setCookies: string[], now = Date.now()): void {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(";");
      const equals = pair.indexOf("=");
      if (equals <= 0) continue;
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      let expires: number | null = null;
      for (const attribute of attributes) {
        const [key, ...rest] = attribute.split("=");
        const setting = rest.join("=").trim();
        if (key.trim().toLowerCase() === "max-age" && /^-?\d+$/.test(setting)) expires = now + Number(setting) * 1000;
        else if (key.trim().toLowerCase() === "expires" && expires === null) {
          const at = Date.parse(setting);
          if (!Number.isNaN(at)) expires = at;
        }
      }
      if (expires !== null && expires <= now) this.cookies.delete(name);
      else this.cookies.set(name, { value, expires });
    }
  }

  /** The Cookie header for the next request, or undefined when the jar is empty. */
  header(now = Date.now()): string | undefined {
    const pairs: string[] = [];
    for (const [name, cookie] of this.cookies) {
      if (cookie.expires !== null && cookie.expires <= now) this.cookies.delete(name);
      else pairs.push(`${name}=${cookie.value}`);
    }
    return pairs.length ? pairs.join("; ") : undefined;
  }

  clear(): void {
    this.cookies.clear();
  }
}
