import { NextResponse, type NextRequest } from "next/server";
import { isClientOverLimit, RATE_LIMIT_MESSAGE } from "@/lib/donations/checkout-limits";
import { contentSecurityPolicy } from "@/lib/security/headers";
import { isCheckoutSessionId } from "@/lib/stripe/ids";
import { ASK_COOKIES, getAskSettings } from "@/lib/donations/ask";
import { askCookie } from "@/lib/donations/ask-variant";
import { logEvent } from "@/lib/log";
import { isDatabaseReachable } from "@/lib/site/database-health";
import { NONCE_PATHS } from "@/lib/site/paths";
import { REQUEST_LIMITS } from "@/lib/site/request-limits";

/**
 * Runs for requests with a body, for the dynamic pages that get a nonce-based CSP, and for pages
 * that always need the database (cached pages never pass through here for that reason).
 * A gift or sign-in form is a few hundred bytes: anything far larger is refused here with a clear
 * answer, before Next.js reads it (its own limit would surface as a bare 500).
 */
export const config = {
  matcher: [
    { source: "/:path*", has: [{ type: "header", key: "content-length" }] },
    { source: "/:path*", has: [{ type: "header", key: "transfer-encoding" }] },
    "/admin",
    "/admin/:path*",
    "/support/thank-you",
    "/support/thank-you/:path*",
    "/support/manage",
    "/support/manage/:path*",
    "/search",
  ],
};

const bodyPage = (title: string, text: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head>
<body style="font-family:Georgia,serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.6">
<h1>${title}</h1><p>${text}</p><p><a href="/">Go to the front page</a></p></body></html>`;

const tooLargePage = bodyPage("That form was too large", "Nothing was saved and nothing was charged. Please go back and try again with shorter entries.");
const noLengthPage = bodyPage("That form could not be read", "Nothing was saved and nothing was charged. Please go back and send the form again from your browser.");

/**
 * Every body the site accepts is small, so its size must be declared; one over the limit, or one
 * without a Content-Length (chunked, measurable only by reading it), is refused. The start scripts'
 * servers refuse these before Next.js reads a byte (scripts/supervisor/request-guard.cjs): by the
 * time this runs, Next.js has read the body to hand this function a copy. This is the same rule for
 * a server started without that preload.
 */
function tooLarge(request: NextRequest): NextResponse | null {
  if (request.method === "GET" || request.method === "HEAD") return null;
  const declared = request.headers.get("content-length");
  const chunked = declared === null && request.headers.has("transfer-encoding");
  const length = Number(declared ?? 0);
  const limit = request.nextUrl.pathname === "/api/stripe/webhook" ? REQUEST_LIMITS.webhookBytes : REQUEST_LIMITS.formBytes;
  if (!chunked && Number.isFinite(length) && length <= limit) return null;
  const status = chunked ? 411 : 413;
  const headers = { "cache-control": "no-store", connection: "close" };
  return request.nextUrl.pathname.startsWith("/api/")
    ? NextResponse.json({ error: chunked ? "a Content-Length is required" : "payload too large" }, { status, headers })
    : new NextResponse(chunked ? noLengthPage : tooLargePage, { status, headers: { ...headers, "content-type": "text/html; charset=utf-8" } });
}

const unavailablePage = bodyPage("This page is temporarily unavailable", "We are having trouble reaching our database. Articles you can already see keep working; this page will be back in a moment.");

const needsDatabase = (path: string) => path === "/search" || path === "/admin" || path.startsWith("/admin/");

const needsNonce = (path: string) => NONCE_PATHS.some((p) => path === p || path.startsWith(`${p}/`));

/**
 * A scripted client (no browser form, no server-action fetch) already over the checkout limit gets a
 * plain 429. Browsers are let through: the checkout action answers them with the form and the reason.
 */
async function overCheckoutLimit(request: NextRequest): Promise<NextResponse | null> {
  const path = request.nextUrl.pathname;
  if (request.method !== "POST" || path.startsWith("/api/") || path.startsWith("/admin")) return null;
  const browser = request.headers.has("next-action") || (request.headers.get("accept") ?? "").includes("text/html");
  if (browser) return null;
  // The checkout action checks the limit again and lets the gift through if the database is down.
  const over = await isClientOverLimit(request.headers).catch((error: unknown) => {
    logEvent("warn", "checkout.rate_limit_unavailable", { error });
    return false;
  });
  return over
    ? NextResponse.json({ error: RATE_LIMIT_MESSAGE }, { status: 429, headers: { "retry-after": "600", "cache-control": "no-store" } })
    : null;
}

export async function proxy(request: NextRequest) {
  const refused = tooLarge(request) ?? (await overCheckoutLimit(request));
  if (refused) return refused;
  if (needsDatabase(request.nextUrl.pathname) && !(await isDatabaseReachable())) {
    const isApi = request.nextUrl.pathname.startsWith("/admin/api/");
    return isApi
      ? NextResponse.json({ error: "database unavailable" }, { status: 503, headers: { "retry-after": "30" } })
      : new NextResponse(unavailablePage, { status: 503, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "retry-after": "30" } });
  }
  const path = request.nextUrl.pathname;
  if (!needsNonce(path)) return NextResponse.next();

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy({ nonce });
  const requestHeaders = new Headers(request.headers);
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  if (path === "/support/thank-you" && isCheckoutReturn(request)) markRecentGiver(response);
  return response;
}

const isCheckoutReturn = (request: NextRequest) => isCheckoutSessionId(request.nextUrl.searchParams.get("session_id"));

/** The thank-you page is private and dynamic: the server, not the page's script, marks the reader as a recent giver. */
function markRecentGiver(response: NextResponse): void {
  const days = getAskSettings().gaveDays;
  if (days <= 0) return;
  const { value, options } = askCookie(days);
  response.cookies.set(ASK_COOKIES.gaveUntil, value, options);
}
