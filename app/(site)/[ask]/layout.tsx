import { notFound } from "next/navigation";
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
  if (!isAskVariant(ask)) notFound();
  return (
    <SiteChrome banner={showsBanner(ask) ? <SupportBanner /> : null}>
      <AskNotices variant={ask} />
      {children}
    </SiteChrome>
  );
}
