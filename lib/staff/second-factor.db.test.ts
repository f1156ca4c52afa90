import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { enableStaffTotp, listStaffAccounts, saveStaffAccount } from "@/db/staff";
import { checkSecondFactor } from "./second-factor";
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, sealSecret } from "./two-factor";

function fakeDeps(start = new Date("2026-12-03T09:00:10Z")) {
  let now = start.getTime();
  return { deps: { now: () => new Date(now), sleep: async () => {} }, advance: (ms: number) => (now += ms), at: () => new Date(now) };
}

async function enrolled(email: string) {
  await saveStaffAccount({ email, name: email, passwordHash: "unused", role: "owner" });
  const account = (await listStaffAccounts()).find((a) => a.email === email)!;
  const secret = newTotpSecret();
  const codes = newRecoveryCodes();
  await enableStaffTotp(account.id, sealSecret(secret), 0, codes.map((c) => hashRecoveryCode(normalizeRecoveryCode(c)!)));
  const code = (d: Date) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: d.getTime() });
  return { account, code, codes };
}

describe("checkSecondFactor", () => {
  it("takes a code once, and a recovery code once", async () => {
    const { account, code, codes } = await enrolled("two@example.org");
    const { deps, at } = fakeDeps();
    const now = code(at());
    expect(await checkSecondFactor({ account, code: now, ip: "10.0.0.1" }, deps)).toEqual({ ok: true, method: "totp" });
    expect(await checkSecondFactor({ account, code: now, ip: "10.0.0.1" }, deps)).toEqual({ ok: false, reason: "invalid" });
    expect(await checkSecondFactor({ account, code: codes[3]!.toUpperCase(), ip: "10.0.0.1" }, deps)).toEqual({ ok: true, method: "recovery-code" });
    expect(await checkSecondFactor({ account, code: codes[3]!, ip: "10.0.0.1" }, deps)).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks the account's second step for 15 minutes after five wrong codes, from any address, even the right code", async () => {
    const { account, code } = await enrolled("locked@example.org");
    const { deps, advance, at } = fakeDeps();
    for (let i = 0; i < 5; i++) expect(await checkSecondFactor({ account, code: String(100000 + i), ip: `10.1.0.${i}` }, deps)).toEqual({ ok: false, reason: "invalid" });
    expect(await checkSecondFactor({ account, code: code(at()), ip: "10.1.0.99" }, deps)).toEqual({ ok: false, reason: "locked", retryInMinutes: 15 });
    advance(15 * 60_000);
    expect(await checkSecondFactor({ account, code: code(at()), ip: "10.1.0.99" }, deps)).toEqual({ ok: true, method: "totp" });
  });

  it("checks at most five codes when 30 guesses arrive at once", async () => {
    const { account } = await enrolled("rush2fa@example.org");
    const { deps } = fakeDeps();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => checkSecondFactor({ account, code: String(200000 + i), ip: `10.2.${i}.1` }, deps)));
    expect(results.filter((r) => !r.ok && r.reason === "invalid").length).toBeLessThanOrEqual(5);
    expect(results.filter((r) => !r.ok && r.reason === "locked").length).toBeGreaterThanOrEqual(25);
  });
});
