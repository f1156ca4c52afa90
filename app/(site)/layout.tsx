import type { Metadata, Viewport } from "next";
import { env } from "@/lib/env";
import { SiteFooter } from "@/app/_components/site-footer";
import { SiteHeader } from "@/app/_components/site-header";
import { SupportBanner } from "@/app/_components/support";
import { listSections } from "@/app/_lib/queries";

export const metadata: Metadata = {
  metadataBase: new URL(env.SITE_URL),
  title: { default: `${env.SITE_NAME}: independent, reader-funded news`, template: `%s | ${env.SITE_NAME}` },
  description: env.SITE_DESCRIPTION,
  applicationName: env.SITE_NAME,
  alternates: { types: { "application/rss+xml": [{ url: "/feed.xml", title: `${env.SITE_NAME}: latest` }] } },
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

/** The public site's chrome. Admin pages live outside this group and never get it (nor any ask). */
export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  const sections = await listSections();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SupportBanner />
      <SiteHeader sections={sections} />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
