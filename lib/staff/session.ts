import { createHash, randomBytes } from "node:crypto";
import { getStaffById, type StaffAccount } from "@/db/staff";
import { advanceStaffSession, createStaffSession, deleteStaffSession, pruneStaffSessions, touchStaffSession, type StaffSession, type StaffSessionStage } from "@/db/staff-sessions";
import { env } from "@/lib/env";

/** Next's `await cookies()`, or anything shaped like it (tests use a plain jar). */
export type CookieStore = {
  get: (name: string) => { name: string; value: string } | undefined;
  set: (name: string, value: string, options: Record<string, unknown>) => unknown;
};

export const STAFF_COOKIE = "masthead_staff";

/** A session that is only half signed in (a code still due, or enrolment required) lasts this long. */
export const PENDING_SESSION_MINUTES = 10;

/** 32 random bytes, base64url: the cookie's whole content. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const newToken = () => randomBytes(32).toString("base64url");
export const hashSessionToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type StaffSessionContext = { account: StaffAccount; session: StaffSession };
export type RequestFacts = { addressHash: string; userAgent: string };

export const sessionTimeouts = (now = new Date()) => ({
  expiresAt: new Date(now.getTime() + env.STAFF_SESSION_HOURS * 3_600_000),
  idleSince: new Date(now.getTime() - env.STAFF_SESSION_IDLE_MINUTES * 60_000),
});

/**
 * Http-only, same-site strict, and sent only to /admin, so public pages never see it and stay
 * cacheable. The row in staff_sessions decides whether it still works; the cookie's own lifetime
 * only tidies the browser.
 */
function setCookie(store: CookieStore, token: string, expiresAt: Date): void {
  store.set(STAFF_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure: env.SITE_URL.startsWith("https://"),
    path: "/admin",
    expires: expiresAt,
  });
}

function clearCookie(store: CookieStore): void {
  store.set(STAFF_COOKIE, "", { httpOnly: true, sameSite: "strict", secure: env.SITE_URL.startsWith("https://"), path: "/admin", maxAge: 0 });
}

const tokenIn = (store: CookieStore): string | null => {
  const value = store.get(STAFF_COOKIE)?.value;
  return value && TOKEN.test(value) ? value : null;
};

/**
 * The session this request carries, at any stage, or null: no cookie, a malformed or unknown one,
 * one signed out, ended from another device, expired, idle too long, or its account removed.
 * Touching it here is what keeps an active session from idling out.
 */
export async function readStaffSession(store: CookieStore, now = new Date()): Promise<StaffSessionContext | null> {
  const token = tokenIn(store);
  if (!token) return null;
  const session = await touchStaffSession(hashSessionToken(token), now, sessionTimeouts(now).idleSince);
  if (!session) return null;
  const account = await getStaffById(session.staffId);
  return account ? { account, session } : null;
}

const expiryFor = (stage: StaffSessionStage, now: Date) =>
  stage === "complete" ? sessionTimeouts(now).expiresAt : new Date(now.getTime() + PENDING_SESSION_MINUTES * 60_000);

export async function startStaffSession(store: CookieStore, account: StaffAccount, stage: StaffSessionStage, facts: RequestFacts, now = new Date()): Promise<void> {
  const token = newToken();
  const expiresAt = expiryFor(stage, now);
  // Sign-ins are rare enough to tidy up on: rows past either timeout can never be used again.
  await pruneStaffSessions(now, sessionTimeouts(now).idleSince);
  await createStaffSession({
    tokenHash: hashSessionToken(token),
    staffId: account.id,
    stage,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    addressHash: facts.addressHash,
    userAgent: facts.userAgent.slice(0, 300),
  });
  setCookie(store, token, expiresAt);
}

/** The second factor was given (or enrolled): the same row, a new token, the full lifetime. */
export async function completeStaffSession(store: CookieStore, current: StaffSession, now = new Date()): Promise<boolean> {
  const token = newToken();
  const expiresAt = expiryFor("complete", now);
  const row = await advanceStaffSession(current.tokenHash, { tokenHash: hashSessionToken(token), stage: "complete", expiresAt, now });
  if (!row) return false;
  setCookie(store, token, expiresAt);
  return true;
}

/** Signs out: the row goes, so a copy of the cookie kept from before is worth nothing. */
export async function endStaffSession(store: CookieStore): Promise<void> {
  const token = tokenIn(store);
  if (token) await deleteStaffSession(hashSessionToken(token));
  clearCookie(store);
}
