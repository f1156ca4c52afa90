import type { Metadata, Viewport } from "next";
import { feedAlternates, siteShareImage } from "@/app/_lib/metadata";
import { env } from "@/lib/env";
import { OG_LOCALE } from "@/lib/site/identity";


export const metadata: Metadata = {
  metadataBase: new URL(env.SITE_URL),
  title: { default: `${env.SITE_NAME}: independent, reader-funded news`, template: `%s | ${env.SITE_NAME}` },
  description: env.SITE_DESCRIPTION,
  applicationName: env.SITE_NAME,
  alternates: { types: feedAlternates([]) },
  openGraph: { siteName: env.SITE_NAME, type: "website", locale: OG_LOCALE, images: [{ ...siteShareImage(), type: "image/png" }] },
  twitter: { card: "summary_large_image", images: [{ url: siteShareImage().url, alt: siteShareImage().alt }] },
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
