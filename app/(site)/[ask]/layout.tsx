import { NotFoundPage } from "@/app/_components/not-found-message";
import { SiteChrome } from "@/app/_components/site-chrome";
import { AskNotices, SupportBanner } from "@/app/_components/support";
import { ASK_VARIANTS, isAskVariant, showsBanner } from "@/lib/donations/ask-variant";

type Props = { children: React.ReactNode; params: Promise<{ ask: string }> };

/** One prerendered copy of every reading page per ask variant; `proxy.ts` picks the reader's. */
export function generateStaticParams() {
  return ASK_VARIANTS.map((ask) => ({ ask }));
}

export default async function AskLayout({ children, params }: Props) {
  const { ask } = await params;
  // A one-segment address that is no page (`/nope`) lands here as an unknown variant.
  if (!isAskVariant(ask))
    return (
      <SiteChrome>
        <NotFoundPage />
      </SiteChrome>
    );
  return (
    <SiteChrome banner={showsBanner(ask) ? <SupportBanner /> : null}>
      <AskNotices variant={ask} />
      {children}
    </SiteChrome>
  );
}
