import { isIP } from "node:net";
import { config } from "@/lib/config";

// The client's address, for per-address limits and log lines (README "Behind a proxy").
//
// Next fills X-Forwarded-For with the connection's address only when the request has none, so a
// client can write any address it likes there. The connection's own address is therefore stamped on
// every request, under PEER_HEADER, by scripts/peer-stamp.cjs (preloaded before the server listens),
// replacing whatever a client sent under that name.
//
// TRUSTED_PROXY_HOPS=0: forwarded headers are ignored; the address is the connection's.
// TRUSTED_PROXY_HOPS=N: the connection is the last proxy; the address is the Nth X-Forwarded-For
// entry from the right, the one the outermost trusted proxy appended. Entries further left were
// written by the client and are never used.
//
// Log lines get the address (clientAddress); limits count a bucket (clientIp): a port or an IPv4-mapped
// prefix is dropped, and an IPv6 address counts as its /64 (one subscriber usually holds a whole /64,
// so per-address limits on single IPv6 addresses would be trivial to escape). A forwarded entry that is
// no address falls back to the connection's.

export const PEER_HEADER = "x-crossroads-peer";
/** Where scripts/peer-stamp.cjs keeps this process's nonce once it is installed. */
const NONCE_KEY = Symbol.for("crossroads.peer-stamp");

/** Outside a server that stamps addresses (tests calling handlers directly): one shared bucket. */
const UNKNOWN = "unknown";

/**
 * The connection's address from the stamp. Once the stamp is installed in this process, only a value
 * carrying its nonce counts (a client-sent header, say on a request Next queued before the stamp was
 * installed, reads as no address). Without a stamp (lib/ called directly by tests or scripts) the
 * header is taken as it is.
 */
function peerAddress(headers: Headers): string {
  const value = headers.get(PEER_HEADER)?.trim() ?? "";
  const nonce = (globalThis as Record<symbol, unknown>)[NONCE_KEY];
  if (typeof nonce !== "string") return value;
  return value.startsWith(`${nonce} `) ? value.slice(nonce.length + 1) : "";
}

/** The client's address as written in log lines: the whole address (an IPv6 one too), or "unknown". */
export function clientAddress(headers: Headers, hops: number = config.TRUSTED_PROXY_HOPS): string {
  const peer = normalAddress(peerAddress(headers)) ?? UNKNOWN;
  if (hops === 0) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the request did not come through all of them; only the connection is known.
  const entry = forwarded[forwarded.length - hops];
  return (entry && normalAddress(entry)) || peer;
}

/** The bucket per-address limits count the client in: its IPv4 address or its IPv6 /64. */
export function clientIp(headers: Headers, hops: number = config.TRUSTED_PROXY_HOPS): string {
  const address = clientAddress(headers, hops);
  return address === UNKNOWN ? address : (addressBucket(address) ?? UNKNOWN);
}

/** An IP address without port, brackets, zone or IPv4-mapped prefix, lower case; null when `value` is none. */
function normalAddress(value: string): string | null {
  let address = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  address = address.replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:([\d.]+)$/.exec(address);
  if (mapped) address = mapped[1];
  return isIP(address) ? address : null;
}

/** "203.0.113.9", "2001:db8:1:2::/64", or null when `value` is no IP address (with or without a port). */
export function addressBucket(value: string): string | null {
  const address = normalAddress(value);
  if (!address || isIP(address) === 4) return address;
  return `${ipv6Groups(address).slice(0, 4).join(":")}::/64`;
}

/** The eight groups of an IPv6 address, without leading zeros; an embedded IPv4 tail becomes two groups. */
function ipv6Groups(address: string): string[] {
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    address = address.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined ? [] : tail ? tail.split(":") : [];
  const middle = Array(8 - left.length - right.length).fill("0");
  return [...left, ...middle, ...right].map((group) => parseInt(group, 16).toString(16));
}
