import { ASK_COPY, getAskSettings, type AskSettings } from "@/lib/donations/ask";
import { env } from "@/lib/env";
import { formatMoney } from "@/lib/money";
import { BannerProgress } from "./banner-progress";
import { AskGate, BannerSupportLink } from "./remind-later";
import styles from "./support-banner.module.css";

type Props = { settings?: Pick<AskSettings, "bannerCloseDays"> };

/**
 * The slim ask above reading pages: static HTML; closing and hiding it, and this month's progress
 * (which changes every few minutes, while the page is cached for a day), run in the browser.
 */
export function SupportBanner({ settings = getAskSettings() }: Props) {
  const cost = formatMoney(env.SUPPORT_MONTHLY_COST, env.SUPPORT_CURRENCY, { compact: true });
  return (
    <AskGate
      kind="banner"
      as="aside"
      className={styles.banner}
      label="Support our journalism"
      close={{ days: settings.bannerCloseDays, label: "Close the support banner", className: styles.close }}
    >
      <div className={`container ${styles.inner}`}>
        <p className={styles.text}>
          <strong>{ASK_COPY.bannerTitle}</strong> <span className={styles.cost}>{ASK_COPY.bannerCost.replace("{cost}", cost)}</span>
        </p>
        <BannerProgress />
        <BannerSupportLink className={`button ${styles.cta}`}>Support us</BannerSupportLink>
      </div>
    </AskGate>
  );
}
