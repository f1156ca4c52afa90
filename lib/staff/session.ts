import { getIronSession, type IronSession } from "iron-session";
import { getStaffById, type StaffAccount } from "@/db/staff";
import { env } from "@/lib/env";
import { localSecret } from "@/lib/local-secret";

export type StaffSessionData = { staffId: number; version: number; issuedAt: number };

/** Next's `await cookies()`, or anything shaped like it (tests use a plain jar). */
export type CookieStore = { get: (name: string) => { name: string; value: string } | undefined; set: (...args: never[]) => unknown };

export const STAFF_COOKIE = "masthead_staff";

export const getStaffSessionSecret = (): string => env.STAFF_SESSION_SECRET ?? localSecret("staff-session-secret");

/**
 * Encrypted and signed (iron), http-only, same-site strict, and sent only to /admin, so public
 * pages never see it and stay cacheable. The seal itself expires with the cookie.
 */
export function staffSessionOptions() {
  const ttl = Math.round(env.STAFF_SESSION_HOURS * 3600);
  return {
    cookieName: STAFF_COOKIE,
    password: getStaffSessionSecret(),
    ttl,
    cookieOptions: { httpOnly: true, sameSite: "strict" as const, secure: env.SITE_URL.startsWith("https://"), path: "/admin" },
  };
}

export function openStaffSession(store: CookieStore): Promise<IronSession<StaffSessionData>> {
  return getIronSession<StaffSessionData>(store as never, staffSessionOptions());
}

/** The signed-in account, or null: no cookie, an expired or forged one, a removed account, or a reset password. */
export async function readStaffSession(store: CookieStore): Promise<StaffAccount | null> {
  if (!store.get(STAFF_COOKIE)) return null;
  const session = await openStaffSession(store);
  if (typeof session.staffId !== "number" || typeof session.version !== "number") return null;
  const account = await getStaffById(session.staffId);
  if (!account || account.sessionVersion !== session.version) return null;
  return account;
}

export async function startStaffSession(store: CookieStore, account: StaffAccount): Promise<void> {
  const session = await openStaffSession(store);
  session.staffId = account.id;
  session.version = account.sessionVersion;
  session.issuedAt = Date.now();
  await session.save();
}

export async function endStaffSession(store: CookieStore): Promise<void> {
  const session = await openStaffSession(store);
  session.destroy();
}
