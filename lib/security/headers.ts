import { env } from "@/lib/env";
import { stripeApiBase, usesEmulator } from "@/lib/stripe/config";

/**
 * Where a form may send the reader: our own pages, and Stripe Checkout and the billing portal (the
 * no-JavaScript gift form answers with a redirect there, which `form-action` also governs). With the
 * emulator, its local test checkout instead.
 */
export function formActionSources(): string[] {
  const sources = ["'self'", "https://checkout.stripe.com", "https://billing.stripe.com"];
  if (usesEmulator()) {
    const port = new URL(stripeApiBase()!).port;
    sources.push(`http://127.0.0.1:${port}`, `http://localhost:${port}`);
  }
  return sources;
}

/**
 * The Content-Security-Policy. Static pages cannot carry a per-request nonce, and Next.js's inline
 * bootstrap scripts differ per page, so static pages need `'unsafe-inline'` in script-src (and only
 * there, besides style attributes); their external scripts carry SRI hashes. Dynamic pages get a nonce.
 */
export function contentSecurityPolicy({ nonce }: { nonce?: string } = {}): string {
  const dev = env.NODE_ENV === "development";
  const script = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : "'self' 'unsafe-inline'";
  const directives = [
    "default-src 'self'",
    `script-src ${script}${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "media-src 'self'",
    "worker-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    `form-action ${formActionSources().join(" ")}`,
    ...(env.SITE_URL.startsWith("https://") ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export function securityHeaders(): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    {
      key: "Permissions-Policy",
      value: "camera=(), microphone=(), geolocation=(), usb=(), browsing-topics=(), interest-cohort=(), payment=(self)",
    },
    ...(env.SITE_URL.startsWith("https://") ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains; preload" }] : []),
  ];
}



