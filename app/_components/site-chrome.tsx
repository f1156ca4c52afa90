import type { ReactNode } from "react";
import { SiteFooter } from "@/app/_components/site-footer";
import { SiteHeader } from "@/app/_components/site-header";
import { listSections } from "@/app/_lib/queries";

type Props = { children: ReactNode; banner?: ReactNode };

/** The public site's chrome: skip link, the banner when the page has one, header, main, footer. */
export async function SiteChrome({ children, banner }: Props) {
  const sections = await listSections();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {banner}
      <SiteHeader sections={sections} />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
