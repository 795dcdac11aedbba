import http from "node:http";
import { PEER_HEADER } from "@/lib/http/client-ip";

// Stamps each incoming request with the address of the connection it came on (PEER_HEADER), before
// Next sees it. Next's own server gives route handlers no access to the socket, and the only place it
// copies the address to (X-Forwarded-For) keeps a client-sent value instead. A header of the same
// name sent by a client is overwritten, so the stamp can be trusted. Called once, from instrumentation.ts.

let installed = false;

export function stampPeerAddresses(): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}
