import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { apiRoutes, matchRoute } from "./api";
import { controlRoutes, type Fault, type FaultMode } from "./control";
import { apiError, invalidRequest, StripeEmulatorError } from "./errors";
import { API_VERSION, emitContext } from "./events";
import { emptyObject, FormEncodingError, parseFormEncoded, type FormObject } from "./form-encoding";
import { escapeHtml, page } from "./html";
import { randomToken } from "./ids";
import { showCheckout, showPortal, showReceipt, submitCheckout, submitPortal, submitPortalCard, type PageResult } from "./pages";
import type { EmulatorState } from "./state";
import { Store } from "./store";
import { WebhookDispatcher } from "./webhooks";

export const MAX_BODY_BYTES = 1024 * 1024;
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** Stripe keeps idempotency keys for 24 hours; the cap bounds memory, since the SDK keys every POST. */
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_IDEMPOTENCY_KEYS = 20_000;

export type ServerOptions = {
  port: number;
  host: string;
  webhookUrl: string | undefined;
  webhookSecret: string;
  publicUrl: string | undefined;
  webhookTimeoutMs: number;
  log: (message: string) => void;
};

export type RunningServer = {
  url: string;
  port: number;
  state: EmulatorState;
  dispatcher: WebhookDispatcher;
  stop(): Promise<void>;
};

type StoredResponse = { method: string; path: string; requestBody: string; status: number; body: string; requestId: string; at: number };

class BodyTooLargeError extends Error {}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/** The addresses the emulator may bind to: 127.0.0.0/8, ::1 and "localhost" (bound as 127.0.0.1). */
export function loopbackBindAddress(host: string): string {
  if (host === "localhost") return "127.0.0.1";
  if (host === "::1" || host === "[::1]") return "::1";
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) && host.split(".").every((n) => Number(n) <= 255)) return host;
  throw new Error(`The Stripe emulator only listens on a loopback address (127.0.0.1, ::1 or localhost); refusing host "${host}".`);
}

function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on("data", (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        settled = true;
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
  });
}

function redactKey(key: string): string {
  if (key.length <= 12) return `${key.slice(0, 3)}***`;
  return `${key.slice(0, 8)}${"*".repeat(Math.min(key.length - 12, 20))}${key.slice(-4)}`;
}

function authenticate(header: string | undefined): StripeEmulatorError | null {
  if (!header) {
    return new StripeEmulatorError({
      status: 401,
      type: "invalid_request_error",
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    });
  }
  let key: string | undefined;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (bearer) key = bearer[1];
  else if (basic?.[1]) key = Buffer.from(basic[1], "base64").toString("utf8").split(":")[0];
  if (!key || !/^sk_test_[A-Za-z0-9_]+$/.test(key)) {
    return new StripeEmulatorError({
      status: 401,
      type: "invalid_request_error",
      message: key
        ? `Invalid API Key provided: ${redactKey(key)}. The Masthead Stripe emulator accepts test secret keys (sk_test_...) only.`
        : "Invalid API Key provided. Use 'Authorization: Bearer sk_test_...'.",
    });
  }
  return null;
}

function jsonBody(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const bindAddress = loopbackBindAddress(options.host);
  const log = options.log;
  const state: EmulatorState = { store: new Store(), publicUrl: "" };
  const dispatcher = new WebhookDispatcher({ url: options.webhookUrl, secret: options.webhookSecret, timeoutMs: options.webhookTimeoutMs, log });
  const idempotent = new Map<string, StoredResponse>();
  const keyLocks = new Map<string, Promise<void>>();
  let fault: Fault | null = null;

  function takeFault(path: string): FaultMode | null {
    if (!fault || (fault.paths !== null && !path.startsWith(fault.paths))) return null;
    const mode = fault.mode;
    fault.remaining -= 1;
    if (fault.remaining <= 0) fault = null;
    return mode;
  }

  async function withKeyLock<T>(key: string, run: () => Promise<T>): Promise<T> {
    const previous = keyLocks.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const current = new Promise<void>((resolve) => {
      release = resolve;
    });
    const chained = previous.then(() => current);
    keyLocks.set(key, chained);
    await previous;
    try {
      return await run();
    } finally {
      release();
      if (keyLocks.get(key) === chained) keyLocks.delete(key);
    }
  }

  function sendJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, {
      "Content-Type": "application/json",
      "Cache-Control": "no-cache, no-store",
      ...headers,
    });
    res.end(body);
  }

  /** Echoes a request header only when it is plain printable ASCII. */
  function echo(value: string | string[] | undefined): string | undefined {
    return typeof value === "string" && /^[\x20-\x7e]{1,300}$/.test(value) ? value : undefined;
  }

  function sendError(res: ServerResponse, error: StripeEmulatorError, headers: Record<string, string> = {}): void {
    sendJson(res, error.status, jsonBody(error.toBody()), headers);
  }

  function sendPage(res: ServerResponse, result: PageResult): void {
    if (res.headersSent) return;
    const security = {
      "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    };
    if (result.location !== undefined) {
      // URLs may hold non-ASCII characters, which an HTTP header cannot carry unescaped.
      const location = result.location.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
      res.writeHead(result.status, { ...security, Location: location, "Content-Length": "0" });
      res.end();
      return;
    }
    res.writeHead(result.status, { ...security, "Content-Type": "text/html; charset=utf-8" });
    res.end(result.html ?? "");
  }

  function unexpected(res: ServerResponse, error: unknown, headers: Record<string, string> = {}): void {
    log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    sendError(res, apiError("The Stripe emulator hit an internal error handling this request. See its log for details."), headers);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
    const method = req.method ?? "GET";
    const path = url.pathname;
    const headers: Record<string, string> = {
      "Request-Id": requestId,
      "Stripe-Version": echo(req.headers["stripe-version"]) ?? API_VERSION,
    };
    const mode = takeFault(path);
    if (mode === "timeout") {
      log(`fault: ${method} ${path} left unanswered`);
      req.resume();
      return;
    }
    if (mode === "reset") {
      log(`fault: ${method} ${path} connection reset`);
      req.socket.destroy();
      return;
    }
    if (mode === "error500") {
      log(`fault: ${method} ${path} answered 500`);
      sendError(res, apiError("An unknown error occurred (fault injected by the Stripe emulator)."), headers);
      return;
    }

    const authError = authenticate(req.headers.authorization);
    if (authError) {
      sendError(res, authError, { ...headers, "WWW-Authenticate": 'Bearer realm="Stripe"' });
      return;
    }
    const rawKey = req.headers["idempotency-key"];
    const key = typeof rawKey === "string" && method === "POST" ? rawKey : undefined;
    if (key !== undefined && echo(key) !== undefined) headers["Idempotency-Key"] = key;
    let requestBody = "";
    if (method === "POST") {
      try {
        requestBody = await readBody(req, MAX_BODY_BYTES);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          sendError(res, invalidRequest("Request body too large: the limit is 1 MB.", { status: 413 }), { ...headers, Connection: "close" });
          return;
        }
        throw error;
      }
      const contentType = String(req.headers["content-type"] ?? "");
      if (requestBody !== "" && !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
        sendError(res, invalidRequest("Invalid request: the body must be application/x-www-form-urlencoded, as Stripe's v1 API expects."), headers);
        return;
      }
    } else {
      req.resume();
    }
    let params: FormObject;
    try {
      params = parseFormEncoded(method === "POST" ? requestBody : url.search.slice(1));
    } catch (error) {
      if (error instanceof FormEncodingError) {
        sendError(res, invalidRequest(`Invalid request: ${error.message}`), headers);
        return;
      }
      throw error;
    }
    const match = matchRoute(apiRoutes, method, path);
    if (!match) {
      sendError(
        res,
        invalidRequest(`Unrecognized request URL (${method}: ${path}). The Masthead Stripe emulator implements only the endpoints the app uses.`, {
          status: 404,
        }),
        headers,
      );
      return;
    }
    if (key !== undefined && key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      sendError(res, invalidRequest(`Idempotency keys can be no longer than ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`, { param: "Idempotency-Key" }), headers);
      return;
    }

    const execute = async (): Promise<void> => {
      if (key !== undefined) {
        let stored = idempotent.get(key);
        if (stored && Date.now() - stored.at > IDEMPOTENCY_TTL_MS) {
          idempotent.delete(key);
          stored = undefined;
        }
        if (stored) {
          if (stored.method !== method || stored.path !== path) {
            sendError(
              res,
              new StripeEmulatorError({
                status: 400,
                type: "idempotency_error",
                message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${stored.method} ${stored.path}' vs '${method} ${path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
              }),
              headers,
            );
            return;
          }
          if (stored.requestBody !== requestBody) {
            sendError(
              res,
              new StripeEmulatorError({
                status: 400,
                type: "idempotency_error",
                message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
              }),
              headers,
            );
            return;
          }
          sendJson(res, stored.status, stored.body, { ...headers, "Idempotent-Replayed": "true", "Original-Request": stored.requestId });
          return;
        }
      }
      const ctx = emitContext(requestId, key ?? null);
      let status = 200;
      let body: string;
      try {
        body = jsonBody(match.route.handler(state, { pathParams: match.pathParams, params, ctx }));
      } catch (error) {
        if (!(error instanceof StripeEmulatorError)) throw error;
        status = error.status;
        body = jsonBody(error.toBody());
      }
      // Like Stripe, only requests that ran to a result are saved; rejected parameters are not.
      if (key !== undefined && (status < 400 || status === 402)) {
        idempotent.set(key, { method, path, requestBody, status, body, requestId, at: Date.now() });
        if (idempotent.size > MAX_IDEMPOTENCY_KEYS) {
          const oldest = idempotent.keys().next().value;
          if (oldest !== undefined) idempotent.delete(oldest);
        }
      }
      sendJson(res, status, body, headers);
      // Stripe delivers webhooks asynchronously after API calls.
      if (ctx.emitted.length > 0) void dispatcher.deliver(ctx.emitted);
    };
    try {
      if (key !== undefined) await withKeyLock(key, execute);
      else await execute();
    } catch (error) {
      unexpected(res, error, headers);
    }
  }

  async function readForm(req: IncomingMessage): Promise<FormObject> {
    const body = await readBody(req, MAX_BODY_BYTES);
    const contentType = String(req.headers["content-type"] ?? "").toLowerCase();
    if (contentType.startsWith("application/json")) {
      const parsed: unknown = body.trim() === "" ? {} : JSON.parse(body);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new FormEncodingError("The JSON body must be an object.");
      const form = emptyObject();
      for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
        if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") form[name] = String(value);
        else throw new FormEncodingError(`Unsupported value for ${name}: use strings, numbers or booleans.`);
      }
      return form;
    }
    return parseFormEncoded(body);
  }

  function isLocalRequest(req: IncomingMessage): boolean {
    if (!isLoopbackAddress(req.socket.remoteAddress)) return false;
    // A loopback Host header keeps other web pages (DNS rebinding) away from the controls.
    const host = String(req.headers.host ?? "").toLowerCase();
    const hostname = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : (host.split(":")[0] ?? "");
    const publicHost = (() => {
      try {
        return new URL(state.publicUrl).hostname.toLowerCase();
      } catch {
        return "";
      }
    })();
    return LOOPBACK_NAMES.has(hostname) || hostname.startsWith("127.") || hostname === publicHost;
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
    const headers = { "Request-Id": requestId };
    if (!isLocalRequest(req)) {
      req.resume();
      sendError(res, new StripeEmulatorError({ status: 403, type: "invalid_request_error", message: "The /_emulator endpoints answer loopback requests only." }), headers);
      return;
    }
    const method = req.method ?? "GET";
    const match = matchRoute(controlRoutes, method, url.pathname);
    let params: FormObject = emptyObject();
    try {
      if (method === "POST") params = await readForm(req);
      else {
        req.resume();
        params = parseFormEncoded(url.search.slice(1));
      }
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        sendError(res, invalidRequest("Request body too large: the limit is 1 MB.", { status: 413 }), { ...headers, Connection: "close" });
        return;
      }
      sendError(res, invalidRequest(`Invalid request body: ${error instanceof Error ? error.message : String(error)}`), headers);
      return;
    }
    if (!match) {
      sendError(res, invalidRequest(`Unrecognized emulator control URL (${method}: ${url.pathname}).`, { status: 404 }), headers);
      return;
    }
    try {
      const result = match.route.handler(
        { state, setFault: (next) => (fault = next), deliveryCount: () => dispatcher.deliveries().length },
        params,
        match.pathParams,
        emitContext(),
      );
      await dispatcher.deliver(result.resend ? [result.resend] : result.events);
      sendJson(res, result.status, jsonBody(result.body), headers);
    } catch (error) {
      if (error instanceof StripeEmulatorError) sendError(res, error, headers);
      else unexpected(res, error, headers);
    }
  }

  const pageRoutes = [
    { method: "GET", pattern: "/pay/:id" },
    { method: "POST", pattern: "/pay/:id" },
    { method: "GET", pattern: "/portal/:id" },
    { method: "POST", pattern: "/portal/:id/subscriptions/:subscription" },
    { method: "POST", pattern: "/portal/:id/payment-method" },
    { method: "GET", pattern: "/receipts/:id" },
  ] as const;

  async function handlePage(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const method = req.method ?? "GET";
    const match = matchRoute(pageRoutes, method, url.pathname);
    if (!match) return false;
    const id = match.pathParams.id ?? "";
    let result: PageResult;
    if (method === "POST") {
      let form: FormObject;
      try {
        form = await readForm(req);
      } catch (error) {
        const tooLarge = error instanceof BodyTooLargeError;
        sendPage(res, {
          status: tooLarge ? 413 : 400,
          html: page("Bad request", "LOCAL TEST CHECKOUT", `<h1>Bad request</h1><p>${tooLarge ? "The form was too large." : "The form could not be read."}</p>`),
          events: [],
        });
        return true;
      }
      result =
        match.route.pattern === "/pay/:id"
          ? submitCheckout(state, id, form)
          : match.route.pattern === "/portal/:id/payment-method"
            ? submitPortalCard(state, id, form)
            : submitPortal(state, id, match.pathParams.subscription ?? "", form);
    } else {
      req.resume();
      if (match.route.pattern === "/pay/:id") result = showCheckout(state, id);
      else if (match.route.pattern === "/portal/:id") result = showPortal(state, id, url.searchParams.get("updated"));
      else result = showReceipt(state, id);
    }
    // Deliver before answering, so whoever follows the redirect already sees the app's ledger updated.
    await dispatcher.deliver(result.events);
    sendPage(res, result);
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = `req_${randomToken(14)}`;
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://emulator.invalid");
    } catch {
      sendError(res, invalidRequest("Invalid request URL."), { "Request-Id": requestId });
      return;
    }
    const path = url.pathname;
    if (path === "/v1" || path.startsWith("/v1/")) return handleApi(req, res, url, requestId);
    if (path.startsWith("/_emulator/")) return handleControl(req, res, url, requestId);
    if (path === "/health") {
      req.resume();
      res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
      res.end("ok");
      return;
    }
    if (await handlePage(req, res, url)) return;
    req.resume();
    if (path === "/" && req.method === "GET") {
      sendPage(res, {
        status: 200,
        html: page(
          "Stripe emulator",
          "LOCAL STRIPE EMULATOR",
          `<h1>Masthead Stripe emulator</h1><p>API base: <code>${escapeHtml(state.publicUrl)}/v1</code>. State: <a href="/_emulator/state">/_emulator/state</a>.</p>`,
        ),
        events: [],
      });
      return;
    }
    sendError(res, invalidRequest(`Unrecognized request URL (${req.method ?? "GET"}: ${path}).`, { status: 404 }), { "Request-Id": requestId });
  }

  const server = createServer((req, res) => {
    req.on("error", () => undefined);
    res.on("error", () => undefined);
    handle(req, res).catch((error: unknown) => {
      try {
        unexpected(res, error);
      } catch {
        res.destroy();
      }
    });
  });
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === "EADDRINUSE" ? new Error(`The Stripe emulator could not listen on ${bindAddress}:${options.port}: the port is in use.`) : error);
    };
    server.once("error", onError);
    server.listen(options.port, bindAddress, () => {
      server.off("error", onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const listenHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${listenHost}:${address.port}`;
  state.publicUrl = (options.publicUrl ?? url).replace(/\/+$/, "");

  let stopping: Promise<void> | null = null;
  return {
    url,
    port: address.port,
    state,
    dispatcher,
    stop() {
      stopping ??= (async () => {
        await dispatcher.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return stopping;
    },
  };
}
