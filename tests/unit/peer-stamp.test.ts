import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { PEER_HEADER, clientAddress } from "@/lib/http/client-ip";

// The stamp (scripts/peer-stamp.cjs) in its own file: installing it changes how this process reads
// the header, which the other client-ip tests build by hand.

describe("the peer-address stamp", () => {
  let server: http.Server | undefined;
  afterEach(() => server?.close());

  it("gives every request its connection's address, and once installed a header without its nonce reads as unknown", async () => {
    const stamp = (await import("@/scripts/peer-stamp.cjs")) as unknown as { PEER_HEADER: string; stampPeerAddresses(): void };
    expect(stamp.PEER_HEADER).toBe(PEER_HEADER);
    stamp.stampPeerAddresses(); // loading it installed it: a second call changes nothing
    const seen: string[] = [];
    server = http.createServer((req, res) => {
      const headers = new Headers(req.headers as Record<string, string>);
      seen.push(clientAddress(headers, 0), clientAddress(headers, 1));
      res.end("ok");
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: "6.6.6.6", "x-forwarded-for": "6.6.6.6, 7.7.7.7" } });
    await fetch(`http://127.0.0.1:${port}/`);
    // The forged header is overwritten; with one trusted proxy the last forwarded entry counts.
    expect(seen).toEqual(["127.0.0.1", "7.7.7.7", "127.0.0.1", "127.0.0.1"]);
    // A value a client wrote (say on a request queued before the stamp was installed) is no address.
    expect(clientAddress(new Headers({ [PEER_HEADER]: "6.6.6.6" }), 0)).toBe("unknown");
  });
});
