import { afterEach, describe, expect, it, vi } from "vitest";
import { saveStaffAccount, getStaffById, removeStaffAccount } from "@/db/staff";
import { endStaffSession, readStaffSession, STAFF_COOKIE, startStaffSession } from "./session";

type Set = { name: string; value: string; options: Record<string, unknown> };

/** The part of Next's cookie store iron-session uses, remembering what was set. */
function cookieJar() {
  const cookies = new Map<string, string>();
  const sets: Set[] = [];
  return {
    sets,
    get: (name: string) => (cookies.has(name) ? { name, value: cookies.get(name)! } : undefined),
    getAll: () => [...cookies].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string, options: Record<string, unknown>) => {
      sets.push({ name, value, options });
      if (value === "" || options.maxAge === 0) cookies.delete(name);
      else cookies.set(name, value);
    },
    /** What a later request would carry. */
    copy() {
      const next = cookieJar();
      for (const [n, v] of cookies) next.set(n, v, {});
      next.sets.length = 0;
      return next;
    },
  };
}

async function account(email: string) {
  await saveStaffAccount({ email, name: email, passwordHash: "unused" });
  const { listStaffAccounts } = await import("@/db/staff");
  return (await listStaffAccounts()).find((a) => a.email === email)!;
}

afterEach(() => vi.useRealTimers());

describe("staff sessions", () => {
  it("sets an encrypted, http-only, strict, /admin-only cookie that reads back as the account", async () => {
    const a = await account("one@example.org");
    const jar = cookieJar();
    await startStaffSession(jar, a);
    const set = jar.sets.find((s) => s.name === STAFF_COOKIE)!;
    expect(set.options).toMatchObject({ httpOnly: true, sameSite: "strict", path: "/admin", secure: false, maxAge: 8 * 3600 - 60 });
    expect(set.value).not.toContain("staffId");
    expect(set.value).toMatch(/^Fe26\.2\*/);
    expect(await readStaffSession(jar.copy())).toMatchObject({ id: a.id, email: "one@example.org" });
  });

  it("expires after STAFF_SESSION_HOURS", async () => {
    const a = await account("two@example.org");
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-28T09:00:00Z") });
    const jar = cookieJar();
    await startStaffSession(jar, a);
    vi.setSystemTime(new Date("2026-11-28T16:30:00Z"));
    expect(await readStaffSession(jar.copy())).not.toBeNull();
    vi.setSystemTime(new Date("2026-11-28T17:01:00Z"));
    expect(await readStaffSession(jar.copy())).toBeNull();
  });

  it("ends on sign-out, on a password reset and when the account is removed", async () => {
    const a = await account("three@example.org");
    const jar = cookieJar();
    await startStaffSession(jar, a);
    const signedOut = jar.copy();
    await endStaffSession(signedOut);
    expect(signedOut.get(STAFF_COOKIE)).toBeUndefined();
    expect(await readStaffSession(signedOut)).toBeNull();

    expect(await readStaffSession(jar.copy())).not.toBeNull();
    await saveStaffAccount({ email: a.email, name: null, passwordHash: "new" });
    expect((await getStaffById(a.id))!.sessionVersion).toBe(2);
    expect(await readStaffSession(jar.copy())).toBeNull();

    const fresh = cookieJar();
    await startStaffSession(fresh, (await getStaffById(a.id))!);
    await removeStaffAccount(a.email);
    expect(await readStaffSession(fresh.copy())).toBeNull();
  });

  it("ignores a forged or tampered cookie", async () => {
    const a = await account("four@example.org");
    const jar = cookieJar();
    await startStaffSession(jar, a);
    const value = jar.get(STAFF_COOKIE)!.value;
    const tampered = cookieJar();
    tampered.set(STAFF_COOKIE, value.slice(0, -4) + "AAAA", {});
    expect(await readStaffSession(tampered)).toBeNull();
    const forged = cookieJar();
    forged.set(STAFF_COOKIE, JSON.stringify({ staffId: a.id, version: 1 }), {});
    expect(await readStaffSession(forged)).toBeNull();
  });
});
