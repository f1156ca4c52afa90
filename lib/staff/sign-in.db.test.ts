import { describe, expect, it } from "vitest";
import { saveStaffAccount } from "@/db/staff";
import { hashPassword } from "./password";
import { signIn, type SignInDeps } from "./sign-in";

/** A clock the test moves by hand, and a sleep that only records how long it was asked to wait. */
function fakeDeps(start = new Date("2026-11-28T09:00:00Z")) {
  let now = start.getTime();
  const slept: number[] = [];
  const deps: SignInDeps = { now: () => new Date(now), sleep: async (ms) => void slept.push(ms) };
  return { deps, slept, advance: (ms: number) => (now += ms) };
}

const PASSWORD = "a very good passphrase";

describe("signIn", () => {
  it("signs in with the right password, whatever the case of the e-mail", async () => {
    await saveStaffAccount({ email: "Editor@Example.org", name: "Edda Editor", passwordHash: await hashPassword(PASSWORD) });
    const { deps } = fakeDeps();
    const result = await signIn({ email: " EDITOR@example.org ", password: PASSWORD, ip: "10.0.0.1" }, deps);
    expect(result.ok && result.account).toMatchObject({ email: "editor@example.org", name: "Edda Editor" });
  });

  it("answers a wrong password and an unknown e-mail alike", async () => {
    await saveStaffAccount({ email: "desk@example.org", name: "Desk", passwordHash: await hashPassword(PASSWORD) });
    const { deps } = fakeDeps();
    expect(await signIn({ email: "desk@example.org", password: "wrong password!", ip: "10.0.0.2" }, deps)).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn({ email: "nobody@example.org", password: PASSWORD, ip: "10.0.0.3" }, deps)).toEqual({ ok: false, reason: "invalid" });
  });

  it("slows repeated failures for an account, then refuses it for 15 minutes, even with the right password", async () => {
    await saveStaffAccount({ email: "target@example.org", name: "Target", passwordHash: await hashPassword(PASSWORD) });
    const { deps, slept, advance } = fakeDeps();
    for (let i = 0; i < 5; i++) {
      // A different address each time: the account's own counter must do the locking.
      expect((await signIn({ email: "target@example.org", password: `guess number ${i}`, ip: `10.1.0.${i}` }, deps)).ok).toBe(false);
      advance(10_000);
    }
    expect(slept).toEqual([0, 250, 500, 1000, 2000]);
    const locked = await signIn({ email: "target@example.org", password: PASSWORD, ip: "10.1.0.99" }, deps);
    expect(locked).toEqual({ ok: false, reason: "locked", retryInMinutes: 15 });
    advance(10 * 60_000);
    expect(await signIn({ email: "target@example.org", password: PASSWORD, ip: "10.1.0.99" }, deps)).toEqual({ ok: false, reason: "locked", retryInMinutes: 5 });
    advance(5 * 60_000);
    const after = await signIn({ email: "target@example.org", password: PASSWORD, ip: "10.1.0.99" }, deps);
    expect(after.ok).toBe(true);
  });

  it("refuses an address that keeps failing, across e-mails, and a success elsewhere does not reset it", async () => {
    await saveStaffAccount({ email: "own@example.org", name: "Own", passwordHash: await hashPassword(PASSWORD) });
    const { deps } = fakeDeps();
    for (let i = 0; i < 5; i++) await signIn({ email: `guess${i}@example.org`, password: "wrong password!", ip: "192.0.2.7" }, deps);
    const result = await signIn({ email: "own@example.org", password: PASSWORD, ip: "192.0.2.7" }, deps);
    expect(result).toMatchObject({ ok: false, reason: "locked" });
    // The same account from another address is fine.
    expect((await signIn({ email: "own@example.org", password: PASSWORD, ip: "192.0.2.8" }, deps)).ok).toBe(true);
  });

  it("forgets an account's earlier failures once it signs in", async () => {
    await saveStaffAccount({ email: "typo@example.org", name: "Typo", passwordHash: await hashPassword(PASSWORD) });
    const { deps, slept, advance } = fakeDeps();
    for (let i = 0; i < 4; i++) await signIn({ email: "typo@example.org", password: "wrong password!", ip: `10.2.0.${i}` }, deps);
    advance(1000);
    expect((await signIn({ email: "typo@example.org", password: PASSWORD, ip: "10.2.0.9" }, deps)).ok).toBe(true);
    advance(1000);
    slept.length = 0;
    await signIn({ email: "typo@example.org", password: "wrong password!", ip: "10.2.0.10" }, deps);
    expect(slept).toEqual([0]);
  });
});

describe("signIn under concurrent attempts", () => {
  it("checks at most five passwords when 40 guesses at one account arrive at once, from 40 addresses", async () => {
    const { countSignInOutcomes } = await import("@/db/testing/fixtures");
    await saveStaffAccount({ email: "rush@example.org", name: "Rush", passwordHash: await hashPassword(PASSWORD) });
    const { deps } = fakeDeps();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn({ email: "rush@example.org", password: `guess ${i}`, ip: `10.9.${i}.1` }, deps)));
    const outcomes = await countSignInOutcomes("rush@example.org");
    expect((outcomes.failed ?? 0) + (outcomes.succeeded ?? 0) + (outcomes.pending ?? 0)).toBeLessThanOrEqual(5);
    expect(outcomes.refused).toBeGreaterThanOrEqual(35);
    expect(results.filter((r) => r.ok === false && r.reason === "locked").length).toBeGreaterThanOrEqual(35);
  });

  it("counts attempts from one address against each other across e-mails", async () => {
    const { countSignInOutcomes } = await import("@/db/testing/fixtures");
    const { deps } = fakeDeps();
    const emails = Array.from({ length: 40 }, (_, i) => `spray${i}@example.org`);
    await Promise.all(emails.map((email) => signIn({ email, password: "wrong password!", ip: "203.0.113.40" }, deps)));
    let checked = 0;
    for (const email of emails) {
      const o = await countSignInOutcomes(email);
      checked += (o.failed ?? 0) + (o.succeeded ?? 0) + (o.pending ?? 0);
    }
    expect(checked).toBeLessThanOrEqual(5);
  });
});
