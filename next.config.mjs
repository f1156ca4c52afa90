import { tsImport } from "tsx/esm/api";

// Fails the build with a readable message when a setting is wrong.
await tsImport("./lib/env.ts", import.meta.url);
const { contentSecurityPolicy, securityHeaders } = await tsImport("./lib/security/headers.ts", import.meta.url);

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // One copy of the Stripe SDK for every route (and PGlite must not be bundled at all).
  serverExternalPackages: ["@electric-sql/pglite", "stripe"],
  experimental: {
    sri: { algorithm: "sha256" },
    serverActions: { bodySizeLimit: "64kb" },
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders() },
      // Dynamic pages (admin, thank-you) get a nonce-based policy from proxy.ts instead.
      { source: "/((?!admin|support/thank-you).*)", headers: [{ key: "Content-Security-Policy", value: contentSecurityPolicy() }] },
    ];
  },
  images: {
    dangerouslyAllowSVG: true,
    contentDispositionType: "inline",
    contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; sandbox;",
  },
};

export default nextConfig;
