import { describe, expect, it } from "vitest";
import { claimTotpStep, enableStaffTotp, getStaffById, listStaffAccounts, removeStaffAccount, resetStaffTotp, saveStaffAccount, useRecoveryCode } from "./staff";

describe("staff accounts", () => {
  it("creates an account once per address, read-only unless told, and resets it on the second save keeping its role", async () => {
    expect(await saveStaffAccount({ email: "Ana@Example.org", name: "Ana", passwordHash: "h1" })).toBe("created");
    const [first] = await listStaffAccounts();
    expect(first).toMatchObject({ email: "ana@example.org", name: "Ana", role: "read-only", twoFactor: false });
    expect(await saveStaffAccount({ email: "ana@example.org", name: null, passwordHash: "h2" })).toBe("reset");
    expect(await getStaffById(first!.id)).toMatchObject({ name: "Ana", role: "read-only" });
    expect(await saveStaffAccount({ email: "ana@example.org", name: null, passwordHash: "h3", role: "finance" })).toBe("reset");
    expect(await getStaffById(first!.id)).toMatchObject({ role: "finance" });
    expect(await listStaffAccounts()).toHaveLength(1);
  });

  it("removes an account by e-mail and says whether there was one", async () => {
    await saveStaffAccount({ email: "bo@example.org", name: "Bo", passwordHash: "h" });
    expect(await removeStaffAccount("BO@example.org")).toBe(true);
    expect(await removeStaffAccount("bo@example.org")).toBe(false);
  });

  it("accepts each authenticator time step once, and each recovery code once", async () => {
    await saveStaffAccount({ email: "cy@example.org", name: "Cy", passwordHash: "h", role: "owner" });
    const cy = (await listStaffAccounts()).find((a) => a.email === "cy@example.org")!;
    await enableStaffTotp(cy.id, "sealed", 100, ["hash-a", "hash-b"]);
    expect((await getStaffById(cy.id))!.twoFactor).toBe(true);
    expect(await claimTotpStep(cy.id, 100)).toBe(false);
    expect(await Promise.all([claimTotpStep(cy.id, 101), claimTotpStep(cy.id, 101)])).toEqual(expect.arrayContaining([true, false]));
    expect(await claimTotpStep(cy.id, 99)).toBe(false);
    const now = new Date();
    expect(await useRecoveryCode(cy.id, "hash-a", now)).toBe(true);
    expect(await useRecoveryCode(cy.id, "hash-a", now)).toBe(false);
    expect(await useRecoveryCode(cy.id, "hash-c", now)).toBe(false);
    expect(await resetStaffTotp("cy@example.org")).toBe(true);
    expect((await getStaffById(cy.id))!.twoFactor).toBe(false);
    expect(await useRecoveryCode(cy.id, "hash-b", now)).toBe(false);
  });
});
