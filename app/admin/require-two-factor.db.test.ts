import { Secret, TOTP } from "otpauth";
import { describe, expect, it, vi } from "vitest";

// STAFF_REQUIRE_2FA=1 for this file: the environment is read once, when lib/env.ts is first imported.
vi.hoisted(() => {
  process.env.STAFF_REQUIRE_2FA = "1";
});

// The request's cookie jar, as the browser would carry it from one request to the next.
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string, options: { maxAge?: number }) => void (value === "" || options?.maxAge === 0 ? jar.delete(name) : jar.set(name, value)),
  }),
  headers: async () => new Headers({ "x-forwarded-for": "192.0.2.50", "user-agent": "require test" }),
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  unstable_rethrow: (e: unknown) => {
    if (e instanceof Error && e.message === "NEXT_REDIRECT") throw e;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { saveStaffAccount } = await import("@/db/staff");
const { hashPassword } = await import("@/lib/staff/password");
const { newTotpSecret, sealSecret } = await import("@/lib/staff/two-factor");
const { signInAction } = await import("./sign-in/actions");
const { enrolTwoFactorAction } = await import("./(signed-in)/account/actions");
const { requireStaff, currentStaff } = await import("./_lib/auth");

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe("with STAFF_REQUIRE_2FA=1, an account without two-factor", () => {
  it("is sent from sign-in to enrolment, can reach nothing else, and is fully signed in once enrolled", async () => {
    await saveStaffAccount({ email: "new@example.org", name: "New", passwordHash: await hashPassword("a long enough password"), role: "finance" });
    await expect(signInAction({ message: null, fieldErrors: {}, values: {} }, form({ email: "new@example.org", password: "a long enough password", next: "/admin/gifts" }))).rejects.toMatchObject({ to: "/admin/account/two-factor" });
    const enrolOnly = jar.get("masthead_staff");
    expect(enrolOnly).toBeTruthy();
    expect(await currentStaff()).toBeNull();
    await expect(requireStaff("/admin/gifts", "view")).rejects.toMatchObject({ to: "/admin/account/two-factor" });
    expect(await requireStaff("/admin/account/two-factor", "self", { enrolling: true })).toMatchObject({ email: "new@example.org" });

    const secret = newTotpSecret();
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    const state = await enrolTwoFactorAction({ status: null, message: null, recoveryCodes: [] }, form({ sealed: sealSecret(secret), code }));
    expect(state).toMatchObject({ status: 200 });
    expect(state.recoveryCodes).toHaveLength(10);
    // A new token for the full session; the enrol-only one is spent.
    expect(jar.get("masthead_staff")).not.toBe(enrolOnly);
    expect(await currentStaff()).toMatchObject({ email: "new@example.org", twoFactor: true });
    expect(await requireStaff("/admin/gifts", "view")).toMatchObject({ email: "new@example.org" });

    // Moving the second factor to another phone needs the password as well as a code from the new one.
    const other = newTotpSecret();
    const replace = (extra: Record<string, string>) =>
      enrolTwoFactorAction({ status: null, message: null, recoveryCodes: [] }, form({ sealed: sealSecret(other), code: new TOTP({ secret: Secret.fromBase32(other) }).generate(), ...extra }));
    expect(await replace({})).toMatchObject({ status: 400, message: "Enter your current password to replace your authenticator.", recoveryCodes: [] });
    expect(await replace({ current: "not the password" })).toMatchObject({ status: 400, recoveryCodes: [] });
    expect(await replace({ current: "a long enough password" })).toMatchObject({ status: 200 });
  });
});
