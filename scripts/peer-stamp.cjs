/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: node --require loads it before Next */
// Stamps each incoming request with the address of the connection it came on (header
// x-crossroads-peer, read by lib/http/client-ip.ts), overwriting a client-sent header of that name.
// Next gives route handlers no socket, and its X-Forwarded-For keeps a client-sent value.
//
// The stamp is "<nonce> <address>", the nonce random per process and kept on globalThis, so
// lib/http/client-ip.ts can tell a stamp from a header a client sent: once the stamp is installed,
// a value without this process's nonce counts as no address at all (fails closed).
//
// Preload it (`node --require ./scripts/peer-stamp.cjs …/next start`, as package.json and scripts/ do)
// so it is in place before the server listens; instrumentation.ts installs it too, for a server
// started without the preload (requests Next queued while it booted then read as unknown).
const http = require("node:http");
const { randomBytes } = require("node:crypto");

const PEER_HEADER = "x-crossroads-peer";
const NONCE_KEY = Symbol.for("crossroads.peer-stamp");

function stampPeerAddresses() {
  if (typeof globalThis[NONCE_KEY] === "string") return;
  const nonce = randomBytes(16).toString("hex");
  globalThis[NONCE_KEY] = nonce;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, ...args) {
    if (event === "request") {
      const [request, response] = args;
      const address = request.socket?.remoteAddress;
      // The client hung up before Node could read its address: nothing to answer, nothing to count it against.
      if (!address) {
        response.destroy();
        return true;
      }
      request.headers[PEER_HEADER] = `${nonce} ${address}`;
    }
    return emit.apply(this, [event, ...args]);
  };
}

stampPeerAddresses();
module.exports = { PEER_HEADER, NONCE_KEY, stampPeerAddresses };
