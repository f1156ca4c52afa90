/**
 * Test fixture, routed only in builds made with E2E_FIXTURES=1: a response that claims to be
 * cacheable for an hour and also sets a cookie. The HTTP cache must never store it.
 */
export const dynamic = "force-dynamic";

export function GET() {
  return new Response(`cookie ${Math.random().toString(36).slice(2)}`, {
    headers: { "cache-control": "public, s-maxage=3600", "set-cookie": "mh_fixture=1; Path=/; SameSite=Lax", "content-type": "text/plain" },
  });
}
