import { createHash } from "node:crypto";

export type Representation = {
  body: string;
  contentType: string;
  /** The newest change the body shows; absent when nothing in it has a date. */
  lastModified?: Date;
  /** Shared caches (Varnish) keep it this long and revalidate it with these validators afterwards. */
  sMaxAge: number;
};

/** A strong validator of exactly these bytes. */
export const etagOf = (body: string) => `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;

const matchesAny = (header: string, etag: string) =>
  header.trim() === "*" || header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);

/**
 * A feed or sitemap answered as pages are: with an ETag and Last-Modified, and 304 Not Modified to a
 * reader or crawler that already holds these bytes (If-None-Match wins over If-Modified-Since, RFC 9110 §13.2.2).
 */
export function conditionalResponse(request: Request, rep: Representation): Response {
  const etag = etagOf(rep.body);
  const headers = new Headers({
    "content-type": rep.contentType,
    etag,
    "cache-control": `public, max-age=0, s-maxage=${rep.sMaxAge}, stale-while-revalidate=86400`,
  });
  // Whole seconds: HTTP dates carry no milliseconds, so a client echoing ours must compare equal.
  const modified = rep.lastModified ? Math.floor(rep.lastModified.getTime() / 1000) * 1000 : undefined;
  if (modified !== undefined) headers.set("last-modified", new Date(modified).toUTCString());
  if (request.method === "GET" || request.method === "HEAD") {
    const ifNoneMatch = request.headers.get("if-none-match");
    const ifModifiedSince = request.headers.get("if-modified-since");
    const since = ifModifiedSince ? Date.parse(ifModifiedSince) : Number.NaN;
    const notModified = ifNoneMatch !== null ? matchesAny(ifNoneMatch, etag) : modified !== undefined && !Number.isNaN(since) && modified <= since;
    if (notModified) {
      headers.delete("content-type");
      return new Response(null, { status: 304, headers });
    }
  }
  return new Response(request.method === "HEAD" ? null : rep.body, { status: 200, headers });
}
