import type { Metadata, Viewport } from "next";
import { env } from "@/lib/env";
import { siteFeedPath } from "@/lib/site/paths";

export const metadata: Metadata = {
  metadataBase: new URL(env.SITE_URL),
  title: { default: `${env.SITE_NAME}: independent, reader-funded news`, template: `%s | ${env.SITE_NAME}` },
  description: env.SITE_DESCRIPTION,
  applicationName: env.SITE_NAME,
  alternates: { types: { "application/rss+xml": [{ url: siteFeedPath, title: `${env.SITE_NAME}: latest` }] } },
  openGraph: { siteName: env.SITE_NAME, type: "website", locale: "en_GB" },
  twitter: { card: "summary_large_image" },
  robots: { index: true, follow: true },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fbfaf7" },
    { media: "(prefers-color-scheme: dark)", color: "#121212" },
  ],
};

/** Metadata for the public site. Its chrome comes with each page group (SiteChrome), so reading pages can carry their variant's banner. */
export default function SiteLayout({ children }: { children: React.ReactNode }) {
  return children;
}
