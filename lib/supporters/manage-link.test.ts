import { describe, expect, it } from "vitest";
import { createManageToken, readManageToken } from "./manage-link";

const now = new Date("2026-12-02T12:00:00Z");

describe("manage links", () => {
  it("carry the customer and version, and expire", () => {
    const token = createManageToken("cus_Abc123", 3, now);
    const reading = readManageToken(token, now);
    expect(reading).toMatchObject({ ok: true, claim: { customerId: "cus_Abc123", version: 3 } });
    if (reading.ok) expect(reading.claim.expiresAt.getTime()).toBe(now.getTime() + 30 * 86_400_000);
    expect(readManageToken(token, new Date(now.getTime() + 31 * 86_400_000))).toEqual({ ok: false, reason: "expired" });
  });

  it("refuse a token with any part changed", () => {
    const token = createManageToken("cus_Abc123", 1, now);
    const [customer, expires, version, signature] = token.split(".") as [string, string, string, string];
    for (const tampered of [
      `cus_Other99.${expires}.${version}.${signature}`,
      `${customer}.${Number(expires) + 86_400}.${version}.${signature}`,
      `${customer}.${expires}.2.${signature}`,
      `${customer}.${expires}.${version}.${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`,
    ]) {
      expect(readManageToken(tampered, now), tampered).toEqual({ ok: false, reason: "forged" });
    }
  });

  it.each(["", "nonsense", "cus_x.1.1", `cus_x.1.1.${"a".repeat(43)}\n`, 42, null, "cus_a\r\nBcc: x.1.1.sig"])("refuse %j as malformed", (token) => {
    expect(readManageToken(token, now)).toEqual({ ok: false, reason: "malformed" });
  });
});
