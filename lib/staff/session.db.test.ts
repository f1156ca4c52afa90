import { afterEach, describe, expect, it, vi } from "vitest";
import { changeStaffPassword, getStaffById, listStaffAccounts, removeStaffAccount, saveStaffAccount } from "@/db/staff";
import { endOtherStaffSessions, listStaffSessions } from "@/db/staff-sessions";
import { completeStaffSession, endStaffSession, hashSessionToken, readStaffSession, STAFF_COOKIE, startStaffSession, type CookieStore } from "./session";

type Set = { name: string; value: string; options: Record<string, unknown> };

/** The part of Next's cookie store the session uses, remembering what was set. */
function cookieJar() {
  const cookies = new Map<string, string>();
  const sets: Set[] = [];
  const jar = {
    sets,
    get: (name: string) => (cookies.has(name) ? { name, value: cookies.get(name)! } : undefined),
    set: (name: string, value: string, options: Record<string, unknown>) => {
      sets.push({ name, value, options });
      if (value === "" || options.maxAge === 0) cookies.delete(name);
      else cookies.set(name, value);
    },
    /** What a later request would carry: a saved copy of the cookie. */
    copy() {
      const next = cookieJar();
      for (const [n, v] of cookies) next.set(n, v, {});
      next.sets.length = 0;
      return next;
    },
  };
  return jar satisfies CookieStore;
}

const facts = { addressHash: "a1b2c3", userAgent: "Test browser" };

async function account(email: string) {
  await saveStaffAccount({ email, name: email, passwordHash: "unused", role: "finance" });
  return (await listStaffAccounts()).find((a) => a.email === email)!;
}

afterEach(() => vi.useRealTimers());

describe("staff sessions held in the database", () => {
  it("sets an http-only, strict, /admin-only cookie holding only a random token, and keeps a hash of it", async () => {
    const a = await account("one@example.org");
    const jar = cookieJar();
    await startStaffSession(jar, a, "complete", facts);
    const set = jar.sets.find((s) => s.name === STAFF_COOKIE)!;
    expect(set.options).toMatchObject({ httpOnly: true, sameSite: "strict", path: "/admin", secure: false });
    expect(set.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const read = await readStaffSession(jar.copy());
    expect(read).toMatchObject({ account: { id: a.id, email: "one@example.org", role: "finance" }, session: { stage: "complete", userAgent: "Test browser", addressHash: "a1b2c3" } });
    expect(read!.session.tokenHash).toBe(hashSessionToken(set.value));
    expect(read!.session.tokenHash).not.toContain(set.value);
  });

  it("ends after STAFF_SESSION_HOURS however busy, and after STAFF_SESSION_IDLE_MINUTES unused", async () => {
    const a = await account("two@example.org");
    const t0 = new Date("2026-11-28T09:00:00Z");
    const jar = cookieJar();
    await startStaffSession(jar, a, "complete", facts, t0);
    // Used every 20 minutes: still alive at 7h40, gone past 8h.
    for (let m = 20; m <= 460; m += 20) expect(await readStaffSession(jar.copy(), new Date(t0.getTime() + m * 60_000)), `minute ${m}`).not.toBeNull();
    expect(await readStaffSession(jar.copy(), new Date(t0.getTime() + 481 * 60_000))).toBeNull();

    const idle = cookieJar();
    await startStaffSession(idle, a, "complete", facts, t0);
    expect(await readStaffSession(idle.copy(), new Date(t0.getTime() + 29 * 60_000))).not.toBeNull();
    expect(await readStaffSession(idle.copy(), new Date(t0.getTime() + 60 * 60_000))).toBeNull();
  });

  it("ends on sign-out even for a copy of the cookie saved before", async () => {
    const a = await account("three@example.org");
    const jar = cookieJar();
    await startStaffSession(jar, a, "complete", facts);
    const saved = jar.copy();
    const signingOut = jar.copy();
    await endStaffSession(signingOut);
    expect(signingOut.get(STAFF_COOKIE)).toBeUndefined();
    expect(await readStaffSession(saved)).toBeNull();
  });

  it("ends the others on a password change or reset, and all when the account is removed", async () => {
    const a = await account("four@example.org");
    const mine = cookieJar();
    const other = cookieJar();
    await startStaffSession(mine, a, "complete", facts);
    await startStaffSession(other, a, "complete", facts);
    const keep = (await readStaffSession(mine.copy()))!.session.tokenHash;
    await changeStaffPassword(a.id, "new hash", keep);
    expect(await readStaffSession(mine.copy())).not.toBeNull();
    expect(await readStaffSession(other.copy())).toBeNull();

    await saveStaffAccount({ email: a.email, name: null, passwordHash: "reset" });
    expect(await readStaffSession(mine.copy())).toBeNull();
    expect((await getStaffById(a.id))!.role).toBe("finance");

    const fresh = cookieJar();
    await startStaffSession(fresh, a, "complete", facts);
    await removeStaffAccount(a.email);
    expect(await readStaffSession(fresh.copy())).toBeNull();
  });

  it("lists the account's live sessions and ends all but this one", async () => {
    const a = await account("five@example.org");
    const jars = [cookieJar(), cookieJar(), cookieJar()];
    for (const j of jars) await startStaffSession(j, a, "complete", facts);
    const pending = cookieJar();
    await startStaffSession(pending, a, "second-factor", facts);
    const now = new Date();
    expect(await listStaffSessions(a.id, now, new Date(now.getTime() - 3_600_000))).toHaveLength(3);
    const keep = (await readStaffSession(jars[0]!.copy()))!.session.tokenHash;
    expect(await endOtherStaffSessions(a.id, keep)).toBe(3);
    expect(await readStaffSession(jars[0]!.copy())).not.toBeNull();
    expect(await readStaffSession(jars[1]!.copy())).toBeNull();
    expect(await readStaffSession(pending.copy())).toBeNull();
  });

  it("gives a half-finished sign-in a new token once the second factor is given", async () => {
    const a = await account("six@example.org");
    const jar = cookieJar();
    await startStaffSession(jar, a, "second-factor", facts);
    const before = jar.copy();
    const context = (await readStaffSession(jar.copy()))!;
    expect(context.session.stage).toBe("second-factor");
    expect(await completeStaffSession(jar, context.session)).toBe(true);
    expect(await readStaffSession(before)).toBeNull();
    expect((await readStaffSession(jar.copy()))!.session.stage).toBe("complete");
  });

  it("ignores a forged, malformed or unknown cookie", async () => {
    for (const value of ["Fe26.2*1*forged*value", "x".repeat(43), "A".repeat(43), "../../etc/passwd", ""]) {
      const jar = cookieJar();
      jar.set(STAFF_COOKIE, value, {});
      expect(await readStaffSession(jar), value).toBeNull();
    }
  });
});
