/**
 * What the site accepts from a client, written once for proxy.ts, the route handlers, next.config.mjs
 * and the start scripts (which hand them to the servers' preload, scripts/supervisor/request-guard.cjs,
 * which enforces them before Next.js reads anything). A gift or sign-in form is a few hundred bytes and a Stripe
 * event a few kilobytes: everything here is far above what the site itself sends.
 */
export const REQUEST_LIMITS = {
  /** Any form POST (server actions); multipart included. */
  formBytes: 64 * 1024,
  /** A Stripe event (Stripe's own are under 64 KB). */
  webhookBytes: 512 * 1024,
  /** Request line and headers together, for Node's parser (`--max-http-header-size`). */
  headerBytes: 8 * 1024,
  /** The whole request target (path and query). */
  urlBytes: 4 * 1024,
  /** Query parameters: the site's own links use at most a handful (admin filters about ten). */
  queryParams: 64,
} as const;

/** Node options for a server process, so an oversized head is refused by the parser itself (431). */
export const serverNodeOptions = (): string[] => [`--max-http-header-size=${REQUEST_LIMITS.headerBytes}`];

/** The preload's settings, passed in the environment (it is plain CommonJS, loaded before anything else). */
export const requestGuardEnv = (): Record<string, string> => ({
  MASTHEAD_MAX_URL_BYTES: String(REQUEST_LIMITS.urlBytes),
  MASTHEAD_MAX_QUERY_PARAMS: String(REQUEST_LIMITS.queryParams),
  MASTHEAD_MAX_FORM_BYTES: String(REQUEST_LIMITS.formBytes),
  MASTHEAD_MAX_WEBHOOK_BYTES: String(REQUEST_LIMITS.webhookBytes),
});

/**
 * Reads a request body as text, never holding more than `limit` bytes: past the limit it cancels the
 * stream and answers null. `Request.text()` would read a chunked body of any size whole first.
 */
export async function readBodyWithin(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A FormData body with its length, the way a browser sends a form. Node's fetch streams FormData
 * chunked, without Content-Length, and the site refuses such bodies (411): scripts posting forms
 * (soak, benchmarks) encode them with this first.
 */
export async function formBody(form: FormData): Promise<{ body: Blob; headers: { "content-type": string } }> {
  const encoded = new Response(form);
  return { body: await encoded.blob(), headers: { "content-type": encoded.headers.get("content-type")! } };
}
