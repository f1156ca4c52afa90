import { createRequire } from "node:module";
import { tsImport } from "tsx/esm/api";

// Fails the build with a readable message when a setting is wrong.
const { env } = await tsImport("./lib/env.ts", import.meta.url);
const { contentSecurityPolicy, securityHeaders } = await tsImport("./lib/security/headers.ts", import.meta.url);
const { askVariantRewrites } = await tsImport("./lib/donations/ask-variant.ts", import.meta.url);
const require = createRequire(import.meta.url);

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // One copy of the Stripe SDK for every route.
  serverExternalPackages: ["stripe"],
  experimental: {
    sri: { algorithm: "sha256" },
    serverActions: { bodySizeLimit: "64kb" },
  },
  // Each reading page is prerendered per ask variant; the reader's ask cookies pick one (lib/donations/ask-variant.ts).
  async rewrites() {
    return { beforeFiles: askVariantRewrites(), afterFiles: [], fallback: [] };
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders() },
      // Dynamic pages (admin, thank-you) get a nonce-based policy from proxy.ts instead.
      { source: "/((?!admin|support/thank-you|support/manage).*)", headers: [{ key: "Content-Security-Policy", value: contentSecurityPolicy() }] },
      // Article and author images are generated files under fixed names: cacheable, but not immutable.
      { source: "/images/:path*", headers: [{ key: "Cache-Control", value: "public, max-age=3600, s-maxage=86400, stale-while-revalidate=604800" }] },
    ];
  },
  images: {
    dangerouslyAllowSVG: true,
    contentDispositionType: "inline",
    contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; sandbox;",
  },
  // Production recipe (scripts/start-prod.ts): a self-contained server, and with REDIS_URL one
  // Next.js cache shared by every instance instead of one on each instance's disk.
  ...(env.NEXT_OUTPUT === "standalone" ? { output: "standalone" } : {}),
  // Test-only pages (app/e2e-fixtures/), routed only in the serving tests' build.
  ...(env.E2E_FIXTURES === "1" ? { pageExtensions: ["tsx", "ts", "fixture.tsx", "fixture.ts"] } : {}),
  ...(env.REDIS_URL
    ? { cacheHandler: require.resolve("./lib/cache/redis-cache-handler.mjs"), cacheMaxMemorySize: 0 }
    : // Rendered 404s stay in memory, never on disk (lib/cache/local-cache-handler.mjs).
      { cacheHandler: require.resolve("./lib/cache/local-cache-handler.mjs") }),
};

export default nextConfig;
