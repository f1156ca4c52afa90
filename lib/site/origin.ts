import { env } from "@/lib/env";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The origin to send a reader back to after Stripe (success, cancel, portal return): the one they are
 * browsing on when it is the site's own, so first-party cookies set on the way back (the "gave" mark)
 * land where the reader reads. On a local run the loopback names are one site (localhost and
 * 127.0.0.1 on the same port); any other host is not trusted and SITE_URL is used.
 */
export function readerOrigin(headers: { get(name: string): string | null }, siteUrl = env.SITE_URL): string {
  const site = new URL(siteUrl);
  const host = (headers.get("x-forwarded-host") ?? headers.get("host"))?.split(",")[0]?.trim();
  if (!host) return site.origin;
  const proto = (headers.get("x-forwarded-proto") ?? site.protocol.slice(0, -1)).split(",")[0]!.trim();
  let candidate: URL;
  try {
    candidate = new URL(`${proto}://${host}`);
  } catch {
    return site.origin;
  }
  if (candidate.origin === site.origin) return candidate.origin;
  const loopbackAlias = LOOPBACK.has(site.hostname) && LOOPBACK.has(candidate.hostname) && candidate.port === site.port && candidate.protocol === site.protocol;
  return loopbackAlias ? candidate.origin : site.origin;
}

/** The address a local server really answers on, for the start banner (SITE_URL may name another). */
export function servedUrl(host: string, port: number): string {
  const name = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

export function servingBanner(host: string, port: number, siteUrl = env.SITE_URL): string {
  const served = servedUrl(host, port);
  return served === siteUrl ? `Serving on ${served}` : `Serving on ${served} (links in feeds and sitemaps, and Stripe's returns from other hosts, use SITE_URL=${siteUrl})`;
}

/**
 * For staff route handlers that change something: false when a browser says the request comes from
 * another site. Browsers send `Origin` on every POST (a cross-site `text/plain` form or fetch too,
 * which needs no CORS preflight), so a mismatch or `Origin: null` is refused; a request with neither
 * `Origin` nor `Sec-Fetch-Site` is not from a browser, and the session check alone decides. Same-origin
 * means the host the request was sent to (as Next.js checks server actions) or SITE_URL's.
 */
export function isSameOriginRequest(headers: { get(name: string): string | null }, siteUrl = env.SITE_URL): boolean {
  const origin = headers.get("origin");
  if (origin === null) {
    const site = headers.get("sec-fetch-site");
    return site === null || site === "same-origin" || site === "none";
  }
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return false;
  }
  if (from.origin === "null") return false;
  if (from.origin === new URL(siteUrl).origin) return true;
  const host = (headers.get("x-forwarded-host") ?? headers.get("host"))?.split(",")[0]?.trim().toLowerCase();
  return host !== undefined && from.host === host;
}
