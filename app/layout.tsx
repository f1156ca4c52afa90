import type { Metadata, Viewport } from "next";
import { env } from "@/lib/env";
import { SiteFooter } from "./_components/site-footer";
import { SiteHeader } from "./_components/site-header";
import { SupportBanner } from "./_components/support";
import { getMonthlyProgress, listSections } from "./_lib/queries";
import "./globals.css";

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

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [sections, progress] = await Promise.all([listSections(), getMonthlyProgress()]);
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SupportBanner progress={progress} />
        <SiteHeader sections={sections} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
