import { describe, expect, it } from "vitest";
import { getStaffById, listStaffAccounts, removeStaffAccount, saveStaffAccount } from "./staff";

describe("staff accounts", () => {
  it("creates an account once per address and resets it on the second save, signing it out everywhere", async () => {
    expect(await saveStaffAccount({ email: "Ana@Example.org", name: "Ana", passwordHash: "h1" })).toBe("created");
    const [first] = await listStaffAccounts();
    expect(first).toMatchObject({ email: "ana@example.org", name: "Ana", sessionVersion: 1 });
    expect(await saveStaffAccount({ email: "ana@example.org", name: null, passwordHash: "h2" })).toBe("reset");
    const after = await getStaffById(first!.id);
    expect(after).toMatchObject({ name: "Ana", sessionVersion: 2 });
    expect(await listStaffAccounts()).toHaveLength(1);
  });

  it("removes an account by e-mail and says whether there was one", async () => {
    await saveStaffAccount({ email: "bo@example.org", name: "Bo", passwordHash: "h" });
    expect(await removeStaffAccount("BO@example.org")).toBe(true);
    expect(await removeStaffAccount("bo@example.org")).toBe(false);
  });
});
