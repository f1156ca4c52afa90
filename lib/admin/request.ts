/**
 * Where a sign-in may send staff afterwards: only a path inside /admin on this site, so the
 * sign-in page cannot be used to bounce someone to another site.
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 2000) return "/admin";
  if (!value.startsWith("/admin") || value.startsWith("//") || value.includes("\\")) return "/admin";
  let url: URL;
  try {
    url = new URL(value, "http://masthead.invalid");
  } catch {
    return "/admin";
  }
  if (url.origin !== "http://masthead.invalid") return "/admin";
  if (url.pathname !== "/admin" && !url.pathname.startsWith("/admin/")) return "/admin";
  if (url.pathname.startsWith("/admin/sign-in")) return "/admin";
  return `${url.pathname}${url.search}`;
}

/**
 * The client's address for sign-in throttling: the last X-Forwarded-For hop, which is what the
 * one reverse proxy in front of the site saw (Next itself fills the header in from the socket
 * when nothing is in front). The per-account limit does not depend on it.
 */
export function clientAddress(headers: { get(name: string): string | null }): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return (last ?? headers.get("x-real-ip") ?? "unknown").slice(0, 64);
}
