import type { Metadata } from "next";
import { pageMetadata, siteShareImage } from "@/app/_lib/metadata";
import { GiftForm } from "@/app/_components/support/gift-form";
import { firstParam } from "@/lib/site/search-params";
import { ASK_COPY, getAskSettings } from "@/lib/donations/ask";
import { FREQUENCIES, PLACEMENTS, type Placement } from "@/lib/donations/config";
import { readReminderId, safeSourcePath } from "@/lib/donations/gift";
import { env } from "@/lib/env";
import { supportPath, managePath } from "@/lib/site/paths";
import styles from "./support.module.css";

export const metadata: Metadata = pageMetadata({ title: "Support us", shareTitle: `Support ${env.SITE_NAME}`, description: ASK_COPY.supportIntro, path: supportPath, image: siteShareImage() });

type Props = { searchParams: Promise<{ placement?: string | string[]; from?: string | string[]; reminder?: string | string[]; frequency?: string | string[] }> };

const FAQ: { q: string; a: string; link?: { href: string; text: string } }[] = [
  {
    q: "Is my payment secure?",
    a: "Yes. You pay on Stripe’s secure checkout page. Your card or bank details go to Stripe and never reach our servers; we see your name, e-mail address and the amount you give.",
  },
  {
    q: "Can I cancel?",
    a: "Yes, at any time, without having to explain. Every receipt we e-mail has a “Manage your gift” link, and you can ask for a fresh one on our “Manage your gift” page, with no account or password. From there you can update your card or cancel a monthly or annual gift.",
    link: { href: managePath, text: "Manage your gift" },
  },
  {
    q: "Will I get a receipt?",
    a: "Yes. We e-mail a receipt to the address you give at checkout, for every payment, each renewal included.",
  },
  {
    q: "Is my gift tax-deductible?",
    a: "It depends on the country you pay tax in. We are not a registered charity in most countries, so in most places your gift is not tax-deductible. Your receipt shows the amount and date if you need it.",
  },
];

export default async function SupportPage({ searchParams }: Props) {
  const params = await searchParams;
  const requested = firstParam(params.placement);
  const placement: Placement = PLACEMENTS.find((p) => p === requested) ?? "support_page";
  const sourcePath = safeSourcePath(firstParam(params.from)) ?? supportPath;
  const settings = getAskSettings();
  const asked = firstParam(params.frequency);
  const defaultFrequency = FREQUENCIES.find((f) => f === asked) ?? settings.defaultFrequency;
  const { defaultCurrency, campaign } = settings;
  const reminderId = (placement === "reminder" && readReminderId(firstParam(params.reminder))) || undefined;
  const permalinkQuery = new URLSearchParams({ placement, ...(sourcePath !== supportPath ? { from: sourcePath } : {}), ...(reminderId ? { reminder: String(reminderId) } : {}), ...(asked && defaultFrequency === asked ? { frequency: asked } : {}) });

  return (
    <div className={`container ${styles.page}`}>
      <header className={styles.header}>
        <h1 className="page-title">{ASK_COPY.supportTitle}</h1>
        <p className="page-lede">{ASK_COPY.supportIntro}</p>
      </header>

      <section className={styles.give} aria-labelledby="give-title">
        <h2 id="give-title" className={styles.giveTitle}>
          Choose your gift
        </h2>
        <GiftForm
          placement={placement}
          sourcePath={sourcePath}
          settings={{ defaultFrequency, defaultCurrency, campaign }}
          idPrefix="support"
          reminderId={reminderId}
          permalink={`${supportPath}?${permalinkQuery}#give-title`}
        />
      </section>

      <section className={styles.pays} aria-labelledby="pays-title">
        <h2 id="pays-title">What your money pays for</h2>
        <ul>
          {ASK_COPY.whatItPays.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </section>

      <section className={styles.faq} aria-labelledby="faq-title">
        <h2 id="faq-title">Questions</h2>
        {FAQ.map(({ q, a, link }) => (
          <div key={q}>
            <h3>{q}</h3>
            <p>{a}</p>
            {link && (
              <p>
                <a href={link.href}>{link.text}</a>
              </p>
            )}
          </div>
        ))}
      </section>
    </div>
  );
}
