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
// The result is a bucket, not always one address: a port or an IPv4-mapped prefix is dropped, and an
// IPv6 address counts as its /64 (one subscriber usually holds a whole /64, so per-address limits on
// single IPv6 addresses would be trivial to escape). A value that is no address falls back to the peer.

export const PEER_HEADER = "x-crossroads-peer";

/** Outside a server that stamps addresses (tests calling handlers directly): one shared bucket. */
const UNKNOWN = "unknown";

export function clientIp(headers: Headers, hops: number = config.TRUSTED_PROXY_HOPS): string {
  const peer = addressBucket(headers.get(PEER_HEADER) ?? "") ?? UNKNOWN;
  if (hops === 0) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the request did not come through all of them; only the connection is known.
  const entry = forwarded[forwarded.length - hops];
  return (entry && addressBucket(entry)) || peer;
}

/** "203.0.113.9", "2001:db8:1:2::/64", or null when `value` is no IP address (with or without a port). */
export function addressBucket(value: string): string | null {
  let address = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  address = address.replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:([\d.]+)$/.exec(address);
  if (mapped) address = mapped[1];
  const version = isIP(address);
  if (version === 4) return address;
  if (version !== 6) return null;
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
