import { ASK_COPY, getAskSettings, type AskSettings } from "@/lib/donations/ask";
import { formatMoney, type Currency } from "@/lib/money";
import { AskGate, BannerSupportLink } from "./remind-later";
import styles from "./support-banner.module.css";

export type MonthlyProgress = { raised: number; goal: number; currency: Currency; gifts: number };

type Props = { progress: MonthlyProgress; settings?: Pick<AskSettings, "bannerCloseDays"> };

/** The slim ask above reading pages: static HTML; only closing and hiding it run in the browser. */
export function SupportBanner({ progress, settings = getAskSettings() }: Props) {
  const money = (minor: number) => formatMoney(minor, progress.currency, { compact: true });
  const percent = progress.goal > 0 ? Math.min(100, Math.floor((progress.raised * 100) / progress.goal)) : 0;
  const status = `${money(progress.raised)} of ${money(progress.goal)} this month`;
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
          <strong>{ASK_COPY.bannerTitle}</strong> {ASK_COPY.bannerCost.replace("{cost}", money(progress.goal))}
        </p>
        <div className={styles.progress}>
          <div
            className={styles.bar}
            role="progressbar"
            aria-label="Gifts this month"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={status}
          >
            <span style={{ width: `${percent}%` }} />
          </div>
          <p className={styles.status}>{status}</p>
        </div>
        <BannerSupportLink className={`button ${styles.cta}`}>Support us</BannerSupportLink>
      </div>
    </AskGate>
  );
}
