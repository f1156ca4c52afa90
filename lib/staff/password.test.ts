import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "./password";

describe("staff passwords", () => {
  it("hashes with argon2id and a salt of its own each time", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, "correct horse battery")).toBe(true);
    expect(await verifyPassword(a, "correct horse batterY")).toBe(false);
  });

  it("refuses any password when there is no account, after doing the same work", async () => {
    expect(await verifyPassword(null, "anything at all")).toBe(false);
    expect(await verifyPassword("not a hash", "anything at all")).toBe(false);
  });

  it("asks for a long enough password", () => {
    expect(passwordProblem("short")).toMatch(/at least 12/);
    expect(passwordProblem(" padded password ")).toMatch(/space/);
    expect(passwordProblem("a long enough passphrase")).toBeNull();
  });
});
