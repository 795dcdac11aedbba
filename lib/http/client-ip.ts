import { config } from "@/lib/config";

// The client's address, for per-address limits and log lines (README "Behind a proxy").
//
// Next fills X-Forwarded-For with the connection's address only when the request has none, so a
// client can write any address it likes there. The connection's own address is therefore stamped on
// every request, under PEER_HEADER, by lib/http/peer-address.ts (installed at boot by
// instrumentation.ts), replacing whatever a client sent under that name.
//
// TRUSTED_PROXY_HOPS=0: forwarded headers are ignored; the address is the connection's.
// TRUSTED_PROXY_HOPS=N: the connection is the last proxy; the address is the Nth X-Forwarded-For
// entry from the right, the one the outermost trusted proxy appended. Entries further left were
// written by the client and are never used.

export const PEER_HEADER = "x-crossroads-peer";

/** Outside a server that stamps addresses (tests calling handlers directly): one shared bucket. */
const UNKNOWN = "unknown";

export function clientIp(headers: Headers, hops: number = config.TRUSTED_PROXY_HOPS): string {
  const peer = headers.get(PEER_HEADER)?.trim() || UNKNOWN;
  if (hops === 0) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the request did not come through all of them; only the connection is known.
  return forwarded[forwarded.length - hops] ?? peer;
}
