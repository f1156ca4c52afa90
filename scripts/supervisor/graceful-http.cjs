// Preloaded (node --require) into the Next.js servers the supervisor starts. Next.js answers SIGTERM
// with server.close(), which waits for every keep-alive connection to go away by itself: under load
// that took 45-54 s. Here, from the first SIGTERM/SIGINT on, every answer carries
// `Connection: close` and idle connections are closed at once, so requests in flight finish and
// the server then exits within moments.
"use strict";
const http = require("node:http");
const servers = new Set();
const unanswered = new Set();
let draining = false;

const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (...args) {
  if (!servers.has(this)) {
    servers.add(this);
    this.prependListener("request", (_req, res) => {
      if (draining) res.shouldKeepAlive = false;
      unanswered.add(res);
      res.once("finish", () => unanswered.delete(res)).once("close", () => unanswered.delete(res));
    });
  }
  return listen.apply(this, args);
};

function drain() {
  if (draining) return;
  draining = true;
  for (const res of unanswered) if (!res.headersSent) res.shouldKeepAlive = false;
  for (const server of servers) server.closeIdleConnections();
  setInterval(() => {
    for (const server of servers) server.closeIdleConnections();
  }, 100).unref();
}
process.prependListener("SIGTERM", drain);
process.prependListener("SIGINT", drain);
