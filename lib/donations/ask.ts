import { env } from "@/lib/env";
import type { Currency } from "@/lib/money";
import type { Frequency } from "./config";

export { ASK_COOKIES, REMIND_LATER_OPTIONS, type RemindLaterPeriod } from "./ask-variant";

/** The newsroom's words for the ask. Edit them here; every placement reads them. */
export const ASK_COPY = {
  bannerTitle: "Enjoying ad-free content?",
  bannerCost: "Keeping this site independent and ad-free costs {cost} a month. Readers pay for all of it.",
  inlineTitle: "A message from the newsroom",
  inlineAppeal: [
    "We are a small, independent newsroom. We have no owner to please, no advertisers to keep happy and no paywall: every article is free for everyone, including readers in places where our work is blocked.",
    "That only works because readers like you pay for it. Even a small gift keeps our reporters in the field and this site open to all.",
  ],
  dialogTitle: "You have been reading a lot with us",
  dialogAppeal: "Thank you. If our journalism is useful to you, please consider supporting it, so it stays free for everyone.",
  supportTitle: "Support independent journalism",
  supportIntro: "Masthead is paid for by its readers. No ads, no trackers, no paywall.",
  whatItPays: [
    "Reporters in the field, and the legal help they need when officials push back.",
    "Secure tools and mirrors so readers behind censorship can still reach us.",
    "Fact-checking and editing, so every story is one you can rely on.",
    "Hosting and engineering for a fast site that works on any phone, without ads or trackers.",
  ],
  remindLater: "Not ready to support today? Remind me later",
} as const;

export type AskSettings = {
  defaultFrequency: Frequency;
  defaultCurrency: Currency;
  campaign: string | null;
  dialogAfterReads: number;
  dialogEveryDays: number;
  dialogCloseSnoozeDays: number;
  bannerCloseDays: number;
  gaveDays: number;
};

export function getAskSettings(): AskSettings {
  return {
    defaultFrequency: env.SUPPORT_DEFAULT_FREQUENCY,
    defaultCurrency: env.SUPPORT_CURRENCY,
    campaign: env.SUPPORT_CAMPAIGN ?? null,
    dialogAfterReads: env.ASK_DIALOG_AFTER_READS,
    dialogEveryDays: env.ASK_DIALOG_EVERY_DAYS,
    dialogCloseSnoozeDays: env.ASK_DIALOG_CLOSE_SNOOZE_DAYS,
    bannerCloseDays: env.ASK_BANNER_CLOSE_DAYS,
    gaveDays: env.ASK_GAVE_DAYS,
  };
}

