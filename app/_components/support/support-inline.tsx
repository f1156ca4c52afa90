import { ASK_COPY, type AskSettings } from "@/lib/donations/ask";
import { GiftForm } from "./gift-form";
import { AskGate } from "./remind-later";
import styles from "./support-inline.module.css";

type Props = { sourcePath: string; settings: Pick<AskSettings, "defaultFrequency" | "defaultCurrency" | "campaign"> };

/** The end-of-article ask. `id="support"` lets other links jump straight to it. */
export function SupportInline({ sourcePath, settings }: Props) {
  const { defaultFrequency, defaultCurrency, campaign } = settings;
  return (
    <AskGate kind="inline" as="section" id="support" className={styles.inline} labelledBy="support-title">
      <h2 id="support-title" className={styles.title}>
        {ASK_COPY.inlineTitle}
      </h2>
      {ASK_COPY.inlineAppeal.map((paragraph) => (
        <p key={paragraph} className={styles.appeal}>
          {paragraph}
        </p>
      ))}
      <GiftForm
        placement="inline"
        sourcePath={sourcePath}
        settings={{ defaultFrequency, defaultCurrency, campaign }}
        idPrefix="inline"
        permalink={`${sourcePath}#support`}
        remindLaterLabel={ASK_COPY.remindLater}
      />
    </AskGate>
  );
}
