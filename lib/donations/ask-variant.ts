/** The ask's first-party cookies. No server settings here: the browser's code imports this file too. */
export const ASK_COOKIES = {
  reads: "mh_reads",
  snoozeUntil: "mh_ask_snooze",
  bannerClosedUntil: "mh_banner_closed",
  dialogSeenUntil: "mh_dialog_seen",
  gaveUntil: "mh_gave",
} as const;

export const REMIND_LATER_OPTIONS = { week: 7, month: 30 } as const;
export type RemindLaterPeriod = keyof typeof REMIND_LATER_OPTIONS;

/**
 * Reading pages are prerendered once per variant; a rewrite in next.config.mjs (and the production
 * HTTP cache, from the same cookies) picks one before the first byte, so a reader who said "no" never
 * gets HTML with the ask they declined. The ask cookies expire when their state ends, so a cookie's
 * presence is the state: no clock, no parsing, and the same answer in Next.js and in Varnish's VCL.
 */
export const ASK_VARIANTS = ["full", "no-banner", "quiet"] as const;
export type AskVariant = (typeof ASK_VARIANTS)[number];

export const isAskVariant = (value: unknown): value is AskVariant => (ASK_VARIANTS as readonly unknown[]).includes(value);

/** Set by the production HTTP cache, which has already chosen the variant (and keys on it). */
export const ASK_VARIANT_HEADER = "x-masthead-ask";

/** Snoozed or recently gave: no ask at all. Banner closed: the end-of-article ask stays. */
export const QUIET_COOKIES = [ASK_COOKIES.snoozeUntil, ASK_COOKIES.gaveUntil] as const;
export const NO_BANNER_COOKIES = [ASK_COOKIES.bannerClosedUntil] as const;

export function chooseAskVariant(hasCookie: (name: string) => boolean): AskVariant {
  if (QUIET_COOKIES.some(hasCookie)) return "quiet";
  if (NO_BANNER_COOKIES.some(hasCookie)) return "no-banner";
  return "full";
}

export const showsBanner = (variant: AskVariant) => variant === "full";
export const showsInlineAsk = (variant: AskVariant) => variant !== "quiet";

/** "a day", "a week", "30 days": how long a dismissal lasts, in the confirmations. */
export const durationText = (days: number) => (days === 1 ? "a day" : days === 7 ? "a week" : `${days} days`);

/**
 * How the server sets an ask cookie: the moment the state ends, expiring at that moment (its presence
 * is what the variant rewrite and the VCL read). The browser's code writes the same shape (ask-state.ts).
 */
export function askCookie(days: number, now = Date.now()) {
  return { value: String(now + days * 86_400_000), options: { path: "/", maxAge: Math.round(days * 86_400), sameSite: "lax" as const } };
}

/** Fragment targets for the no-JavaScript confirmations (shown with CSS `:target`, so pages stay static). */
export const ASK_NOTICES = {
  bannerClosed: "ask-banner-closed",
  snoozedWeek: "ask-snoozed-week",
  snoozedMonth: "ask-snoozed-month",
  reminderWeek: "ask-reminder-week",
  reminderMonth: "ask-reminder-month",
} as const;

/** Reading pages as route patterns: the front, search, and the article and listing pages. */
export const READING_PAGE_SOURCES = ["/", "/search", "/:kind(articles|sections|tags|authors)/:slug", "/:kind(sections|tags|authors)/:slug/page/:page"] as const;

type Condition = { type: "header" | "cookie"; key: string; value: string };
export type Rewrite = { source: string; destination: string; has?: Condition[] };

const present = (key: string): Condition => ({ type: "cookie", key, value: ".+" });

/**
 * `beforeFiles` rewrites for next.config.mjs: the first rule whose conditions hold and whose target is
 * a page wins. A variant name typed into the address is sent to a path that matches no route (a 404).
 */
export function askVariantRewrites(): Rewrite[] {
  const to = (variant: AskVariant, source: string) => `/${variant}${source === "/" ? "" : source}`;
  const rules: Rewrite[] = [{ source: `/:variant(${ASK_VARIANTS.join("|")})/:path*`, destination: "/full/:variant/:path*" }];
  for (const source of READING_PAGE_SOURCES) {
    for (const variant of ASK_VARIANTS) rules.push({ source, has: [{ type: "header", key: ASK_VARIANT_HEADER, value: variant }], destination: to(variant, source) });
    for (const cookie of QUIET_COOKIES) rules.push({ source, has: [present(cookie)], destination: to("quiet", source) });
    for (const cookie of NO_BANNER_COOKIES) rules.push({ source, has: [present(cookie)], destination: to("no-banner", source) });
    rules.push({ source, destination: to("full", source) });
  }
  return rules;
}
