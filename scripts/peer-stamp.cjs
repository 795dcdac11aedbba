/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: node --require loads it before Next */
// Stamps each incoming request with the address of the connection it came on (header
// x-crossroads-peer, read by lib/http/client-ip.ts), overwriting a client-sent header of that name.
// Next gives route handlers no socket, and its X-Forwarded-For keeps a client-sent value.
//
// Preload it (`node --require ./scripts/peer-stamp.cjs …/next start`, as package.json and scripts/ do)
// so it is in place before the server listens: Next queues the requests that arrive while it boots,
// and those would otherwise reach the app unstamped. instrumentation.ts loads it too, for a server
// started without the preload (then only requests during boot go unstamped).
const http = require("node:http");

const PEER_HEADER = "x-crossroads-peer";
const INSTALLED = Symbol.for("crossroads.peer-stamp");

function stampPeerAddresses() {
  if (globalThis[INSTALLED]) return;
  globalThis[INSTALLED] = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, ...args) {
    if (event === "request") args[0].headers[PEER_HEADER] = args[0].socket?.remoteAddress ?? "";
    return emit.apply(this, [event, ...args]);
  };
}

stampPeerAddresses();
module.exports = { PEER_HEADER, stampPeerAddresses };
