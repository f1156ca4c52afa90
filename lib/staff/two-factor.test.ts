import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, openSecret, sealSecret, totpQrSvg, totpStep, totpUri } from "./two-factor";

const at = new Date("2026-12-03T09:00:10Z");
const codeAt = (secret: string, d: Date) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: d.getTime() });

describe("TOTP", () => {
  it("accepts this step's code and one step either side, nothing further, and says which step", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const step = Math.floor(at.getTime() / 30_000);
    expect(totpStep(secret, codeAt(secret, at), at)).toBe(step);
    expect(totpStep(secret, codeAt(secret, new Date(at.getTime() + 30_000)), at)).toBe(step + 1);
    expect(totpStep(secret, codeAt(secret, new Date(at.getTime() - 30_000)), at)).toBe(step - 1);
    expect(totpStep(secret, codeAt(secret, new Date(at.getTime() + 90_000)), at)).toBeNull();
    expect(totpStep(secret, "12345", at)).toBeNull();
    expect(totpStep(secret, "abcdef", at)).toBeNull();
  });

  it("gives an otpauth:// address naming the site and the account, drawn as an SVG QR code", async () => {
    const uri = totpUri("JBSWY3DPEHPK3PXP", "ana@example.org");
    expect(uri).toMatch(/^otpauth:\/\/totp\/Masthead:ana%40example\.org\?issuer=Masthead&secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30$/);
    expect(await totpQrSvg(uri)).toMatch(/^<svg [^>]*viewBox/);
  });

  it("seals secrets so only this server's key opens them, and refuses anything tampered", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP");
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(sealSecret("JBSWY3DPEHPK3PXP")).not.toBe(sealed);
    expect(openSecret(sealed)).toBe("JBSWY3DPEHPK3PXP");
    const [v, iv, body, tag] = sealed.split(".");
    expect(openSecret([v, iv, body!.slice(0, -2) + (body!.endsWith("A") ? "BB" : "AA"), tag].join("."))).toBeNull();
    expect(openSecret("v1.x.y.z")).toBeNull();
    expect(openSecret("JBSWY3DPEHPK3PXP")).toBeNull();
  });
});

describe("recovery codes", () => {
  it("are ten different codes that read back whatever the case and dashes, hashed with a key", () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
    const plain = normalizeRecoveryCode(codes[0]!)!;
    expect(normalizeRecoveryCode(` ${codes[0]!.toUpperCase().replaceAll("-", " ")} `)).toBe(plain);
    expect(normalizeRecoveryCode("too-short")).toBeNull();
    expect(hashRecoveryCode(plain)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(plain)).not.toBe(hashRecoveryCode(normalizeRecoveryCode(codes[1]!)!));
  });
});
