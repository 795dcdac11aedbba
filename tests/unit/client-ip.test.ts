import { afterEach, describe, expect, it } from "vitest";
import { PEER_HEADER, addressBucket, clientAddress, clientIp } from "@/lib/http/client-ip";

// Review #2: per-address limits keyed on a client-chosen X-Forwarded-For entry. The bucket must come
// from the connection (TRUSTED_PROXY_HOPS=0) or from the entry the trusted proxy appended (N > 0).

const env = process.env as Record<string, string | undefined>;
afterEach(() => delete env.TRUSTED_PROXY_HOPS);

function request(peer: string, forwarded?: string) {
  return new Headers({ [PEER_HEADER]: peer, ...(forwarded ? { "x-forwarded-for": forwarded } : {}) });
}

describe("clientIp", () => {
  it("with TRUSTED_PROXY_HOPS=0 (the default) a spoofed X-Forwarded-For does not change the bucket", () => {
    const buckets = ["", "1.2.3.4", "5.6.7.8, 9.9.9.9", "not an address"].map((spoof) =>
      clientIp(request("203.0.113.9", spoof || undefined)),
    );
    expect(new Set(buckets)).toEqual(new Set(["203.0.113.9"]));
  });

  it("with TRUSTED_PROXY_HOPS=1 the entry the proxy appended decides the bucket, not what the client wrote before it", () => {
    env.TRUSTED_PROXY_HOPS = "1";
    // The proxy (10.0.0.2, the connection) appends the address it saw to whatever the client sent.
    expect(clientIp(request("10.0.0.2", "198.51.100.7"))).toBe("198.51.100.7");
    expect(clientIp(request("10.0.0.2", "1.2.3.4, 198.51.100.7"))).toBe("198.51.100.7");
    expect(clientIp(request("10.0.0.2", "1.2.3.4, 198.51.100.8"))).toBe("198.51.100.8");
    // Without the header the request did not come through the proxy: only the connection is known.
    expect(clientIp(request("10.0.0.2"))).toBe("10.0.0.2");
  });

  it("with TRUSTED_PROXY_HOPS=2 it counts two entries from the right", () => {
    expect(clientIp(request("10.0.0.3", "6.6.6.6, 198.51.100.7, 10.0.0.2"), 2)).toBe("198.51.100.7");
  });
});

describe("addressBucket", () => {
  it("drops ports and the IPv4-mapped prefix, and refuses what is no address", () => {
    expect(addressBucket("203.0.113.9")).toBe("203.0.113.9");
    expect(addressBucket(" 203.0.113.9:51234 ")).toBe("203.0.113.9");
    expect(addressBucket("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(addressBucket("[::ffff:203.0.113.9]:443")).toBe("203.0.113.9");
    for (const junk of ["", "unknown", "1.2.3", "999.1.1.1", "1.2.3.4:x", "203.0.113.9, 1.1.1.1", "g::1"])
      expect(addressBucket(junk)).toBeNull();
  });

  it("counts an IPv6 address as its /64, however it is written", () => {
    const same = ["2001:db8:1:2::1", "2001:0DB8:0001:0002:ffff:0:0:9", "[2001:db8:1:2:aaaa::]:8080"];
    expect(same.map(addressBucket)).toEqual(Array(3).fill("2001:db8:1:2::/64"));
    expect(addressBucket("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(addressBucket("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
    expect(addressBucket("64:ff9b::203.0.113.9")).toBe("64:ff9b:0:0::/64");
  });

  it("a junk forwarded entry falls back to the connection's bucket", () => {
    expect(clientIp(request("10.0.0.2", "1.2.3.4, not-an-ip"), 1)).toBe("10.0.0.2");
    expect(clientIp(request("::ffff:10.0.0.2"))).toBe("10.0.0.2");
    expect(clientIp(request("2001:db8::5"))).toBe("2001:db8:0:0::/64");
  });

  it("log lines get the whole address, limits its bucket", () => {
    expect(clientAddress(request("2001:DB8::5"))).toBe("2001:db8::5");
    expect(clientIp(request("2001:DB8::5"))).toBe("2001:db8:0:0::/64");
    expect(clientAddress(request("not an address"))).toBe("unknown");
  });
});
