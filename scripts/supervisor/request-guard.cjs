// Preloaded (node --require) into the Next.js servers the start scripts run, beside graceful-http.cjs.
// It looks at the request line before Next.js does any work on it, in time linear in its length:
//  - a target longer than MASTHEAD_MAX_URL_BYTES, or with more than MASTHEAD_MAX_QUERY_PARAMS query
//    parameters, gets 414 (Next.js's handling of a query costs time quadratic in the number of
//    parameters: 7,000 took 2.4 s, even on /robots.txt);
//  - a path whose percent-escapes are not UTF-8 gets 400 (Next.js answered 500);
//  - a method the site does not use (PUT, DELETE, PATCH, TRACE, CONNECT, …) gets 405 with `Allow`
//    (pages answered as if it were a GET, TRACE a 500);
//  - a body over its limit (MASTHEAD_MAX_WEBHOOK_BYTES for the Stripe webhook, MASTHEAD_MAX_FORM_BYTES
//    for everything else) gets 413 before any of it is read, and a body without Content-Length
//    (chunked) gets 411: it could only be measured by reading it. Browsers and Stripe always send
//    Content-Length, and with one the parser never hands on more than it says. This has to happen
//    here: Next.js reads the whole body (to hand proxy.ts a copy) before proxy.ts can answer.
// The limits come from lib/site/request-limits.ts through the environment.
"use strict";
const http = require("node:http");

const maxUrl = Number(process.env.MASTHEAD_MAX_URL_BYTES || 4096);
const maxParams = Number(process.env.MASTHEAD_MAX_QUERY_PARAMS || 64);
const ALLOWED = new Set(["GET", "HEAD", "POST", "OPTIONS"]);
const ALLOW = "GET, HEAD, POST";
const maxForm = Number(process.env.MASTHEAD_MAX_FORM_BYTES || 65536);
const maxWebhook = Number(process.env.MASTHEAD_MAX_WEBHOOK_BYTES || 524288);
const WEBHOOK_PATH = "/api/stripe/webhook";

const page = (title, text) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head>
<body style="font-family:Georgia,serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.6">
<h1>${title}</h1><p>${text}</p><p><a href="/">Go to the front page</a></p></body></html>`;
const TOO_LARGE = page("That form was too large", "Nothing was saved and nothing was charged. Please go back and try again with shorter entries.");
const NO_LENGTH = page("That form could not be read", "Nothing was saved and nothing was charged. Please go back and send the form again from your browser.");

/**
 * Answers and closes without reading the body, the way a web server's "lingering close" does: closing
 * at once, with the upload still arriving, resets the connection and the client loses the answer; so
 * the answer says `Connection: close`, the server stops writing, discards whatever still arrives
 * (never buffered) and hangs up when the client does, or after two seconds.
 */
function refuseBody(req, res, path, status) {
  const socket = req.socket;
  socket.destroySoon = function () {
    this.end();
    setTimeout(() => this.destroy(), 2000).unref();
  };
  const headers = { "cache-control": "no-store", connection: "close" };
  if (path.startsWith("/api/")) {
    res.writeHead(status, { ...headers, "content-type": "application/json" });
    res.end(JSON.stringify({ error: status === 411 ? "a Content-Length is required" : "payload too large" }));
  } else {
    res.writeHead(status, { ...headers, "content-type": "text/html; charset=utf-8" });
    res.end(status === 411 ? NO_LENGTH : TOO_LARGE);
  }
}

function refuse(res, status, text, extra) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff", ...extra });
  res.end(`${text}\n`);
}

function countParams(query) {
  let n = query.length > 0 ? 1 : 0;
  for (let i = 0; i < query.length; i++) if (query.charCodeAt(i) === 38 /* & */) n++;
  return n;
}

/** True when the request was answered here. */
function guard(req, res) {
  const url = req.url || "/";
  if (!ALLOWED.has(req.method)) {
    refuse(res, 405, "Method not allowed.", { allow: ALLOW });
    return true;
  }
  if (url.length > maxUrl) {
    refuse(res, 414, "That address is too long.", { connection: "close" });
    return true;
  }
  const q = url.indexOf("?");
  if (q >= 0 && countParams(url.slice(q + 1)) > maxParams) {
    refuse(res, 414, "That address has too many query parameters.", { connection: "close" });
    return true;
  }
  const path = q >= 0 ? url.slice(0, q) : url;
  if (path.includes("%")) {
    try {
      decodeURIComponent(path);
    } catch {
      refuse(res, 400, "That address is not valid.");
      return true;
    }
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    const declared = req.headers["content-length"];
    if (declared === undefined && req.headers["transfer-encoding"] !== undefined) {
      refuseBody(req, res, path, 411);
      return true;
    }
    if (Number(declared ?? 0) > (path === WEBHOOK_PATH ? maxWebhook : maxForm)) {
      refuseBody(req, res, path, 413);
      return true;
    }
  }
  return false;
}

const guarded = new WeakSet();
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (...args) {
  if (!guarded.has(this)) {
    guarded.add(this);
    const emit = this.emit;
    this.emit = function (event, ...rest) {
      if (event === "request") {
        let answered = false;
        try {
          answered = guard(rest[0], rest[1]);
        } catch (error) {
          // A bug here must not take the server down: Next.js gets the request as before.
          console.error("[request-guard]", error);
        }
        if (answered) return true;
      }
      return emit.call(this, event, ...rest);
    };
  }
  return listen.apply(this, args);
};
