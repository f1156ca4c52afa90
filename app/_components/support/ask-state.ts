import type { AskSettings } from "@/lib/donations/ask";
import { ASK_COOKIES, REMIND_LATER_OPTIONS } from "@/lib/donations/ask-variant";

/*
 * The browser's memory of the ask: first-party cookies, each set to expire when its state ends (the
 * proxy picks the page's ask variant from which ones are present). lib/donations/ask.ts reads the
 * server's environment, so only its types are imported here.
 */
export const COOKIES = ASK_COOKIES;
export const REMIND_DAYS = REMIND_LATER_OPTIONS;

/** Fired on `window` when the reader snoozes the ask; every placement on the page stands down. */
export const ASK_SNOOZED_EVENT = "masthead:ask-snoozed";
export type AskSnoozedDetail = { until: number };

const DAY_MS = 86_400_000;

export type DialogSettings = Pick<AskSettings, "dialogAfterReads" | "dialogEveryDays">;

export function readCookie(name: string, cookieString: string): string | null {
  for (const part of cookieString.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}

/** A cookie holding a moment (ms since the epoch) that is still in the future. */
export function isActiveUntil(name: string, cookieString: string, now: number): boolean {
  const until = Number(readCookie(name, cookieString));
  return Number.isFinite(until) && until > now;
}

export function readCount(cookieString: string): number {
  const n = Number(readCookie(COOKIES.reads, cookieString));
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/** The reader asked us to wait, or has already given: no placement asks. */
export function isAskSuppressed(cookieString: string, now: number): boolean {
  return isActiveUntil(COOKIES.snoozeUntil, cookieString, now) || isActiveUntil(COOKIES.gaveUntil, cookieString, now);
}

/**
 * Called after this page view has been counted. Never on the first page a reader sees (a count of 1),
 * never before `dialogAfterReads` articles, and at most once per `dialogEveryDays`.
 */
export function shouldShowDialog(cookieString: string, now: number, settings: DialogSettings, isArticle: boolean): boolean {
  if (!isArticle) return false;
  const reads = readCount(cookieString);
  if (reads <= 1 || reads < settings.dialogAfterReads) return false;
  if (isAskSuppressed(cookieString, now)) return false;
  return !isActiveUntil(COOKIES.dialogSeenUntil, cookieString, now);
}

/** When the dialog may come back: the later of what is already set and `days` from now. */
export function dialogSeenUntil(cookieString: string, now: number, days: number): number {
  const current = Number(readCookie(COOKIES.dialogSeenUntil, cookieString));
  const next = now + days * DAY_MS;
  return Number.isFinite(current) && current > next ? current : next;
}

/** "Wednesday 9 December", with the year when it is not this year's. */
export function formatUntil(until: number, now: number): string {
  const sameYear = new Date(until).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", ...(sameYear ? {} : { year: "numeric" }) }).format(until);
}

// --- Browser wrappers ---------------------------------------------------------------------------

const cookieString = () => (typeof document === "undefined" ? "" : document.cookie);

export function writeCookie(name: string, value: string, days: number): void {
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${Math.max(0, Math.round(days * 86_400))}; SameSite=Lax${secure}`;
}

/** Stores a moment `days` from now and returns it. */
function writeUntil(name: string, days: number): number {
  const until = Date.now() + days * DAY_MS;
  writeCookie(name, String(until), days);
  return until;
}

export const isAskSnoozed = () => isActiveUntil(COOKIES.snoozeUntil, cookieString(), Date.now());
export const hasGivenRecently = () => isActiveUntil(COOKIES.gaveUntil, cookieString(), Date.now());
export const isBannerClosed = () => isActiveUntil(COOKIES.bannerClosedUntil, cookieString(), Date.now());
export const isAskSuppressedNow = () => isAskSuppressed(cookieString(), Date.now());

export function recordArticleRead(): number {
  const count = readCount(cookieString()) + 1;
  writeCookie(COOKIES.reads, String(count), 365);
  return count;
}

export const isDialogDue = (settings: DialogSettings, isArticle: boolean) => shouldShowDialog(cookieString(), Date.now(), settings, isArticle);

export function markDialogSeen(days: number): void {
  const now = Date.now();
  const until = dialogSeenUntil(cookieString(), now, days);
  writeCookie(COOKIES.dialogSeenUntil, String(until), (until - now) / DAY_MS);
}

export const closeBanner = (days: number) => void writeUntil(COOKIES.bannerClosedUntil, days);

/** Snoozes every placement and tells the ones already on the page; returns when the ask may return. */
export function snoozeAsk(days: number): number {
  const until = writeUntil(COOKIES.snoozeUntil, days);
  window.dispatchEvent(new CustomEvent<AskSnoozedDetail>(ASK_SNOOZED_EVENT, { detail: { until } }));
  return until;
}
