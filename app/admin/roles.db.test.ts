import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { StaffRole } from "@/db/staff";

const here = import.meta.dirname;

// A real session of a real account per role, carried in the (mocked) request's cookie.
const jar = vi.hoisted(() => ({ value: undefined as string | undefined }));
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.value && name === "masthead_staff" ? { name, value: jar.value } : undefined), set: () => {} }),
  headers: async () => new Headers({ "user-agent": "roles test" }),
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  unstable_rethrow: () => {},
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
// Only to see that a refused request never starts one.
const reconcile = vi.hoisted(() => vi.fn());
vi.mock("@/lib/stripe/reconcile", () => ({ runReconciliation: reconcile, describeReport: () => [] }));

const { listStaffAccounts, saveStaffAccount } = await import("@/db/staff");
const { listStaffActions } = await import("@/db/staff-audit");
const { startStaffSession } = await import("@/lib/staff/session");
const { can, STAFF_ROLES } = await import("@/lib/staff/roles");

const tokens = new Map<StaffRole, string>();

beforeAll(async () => {
  for (const role of STAFF_ROLES) {
    await saveStaffAccount({ email: `${role}@example.org`, name: role, passwordHash: "unused", role });
    const account = (await listStaffAccounts()).find((a) => a.email === `${role}@example.org`)!;
    let token = "";
    await startStaffSession({ get: () => undefined, set: (_n: string, v: string) => void (token = v) }, account, "complete", { addressHash: "test", userAgent: "roles test" });
    tokens.set(role, token);
  }
});

const as = (role: StaffRole) => void (jar.value = tokens.get(role));

describe("a read-only account", () => {
  it("is refused the CSV export and the reconciliation API with 403, and nothing runs", async () => {
    as("read-only");
    const { GET: exportCsv } = await import("./(signed-in)/gifts/export/route");
    const { POST: reconcileApi } = await import("./api/reconcile/route");
    const csv = await exportCsv(new Request("http://127.0.0.1/admin/gifts/export"));
    expect(csv.status).toBe(403);
    expect(await csv.json()).toEqual({ error: "Your role does not allow this." });
    const api = await reconcileApi(new Request("http://127.0.0.1/admin/api/reconcile", { method: "POST", headers: { host: "127.0.0.1", origin: "http://127.0.0.1" }, body: '{"from":"2026-11-01","to":"2026-11-30"}' }));
    expect(api.status).toBe(403);
    expect(reconcile).not.toHaveBeenCalled();
    expect(await listStaffActions({ limit: 10, action: "export" })).toEqual([]);
  });

  it("sees the dashboard's figures but gets the staff 404 for the audit log", async () => {
    as("read-only");
    const { default: Audit } = await import("./(signed-in)/audit/page");
    await expect(Audit({ searchParams: Promise.resolve({}) })).rejects.toThrow("NEXT_NOT_FOUND");
  });
});

describe("the finance desk", () => {
  it("exports (and the export is in the audit log), but cannot read the audit log", async () => {
    as("finance");
    const { GET: exportCsv } = await import("./(signed-in)/gifts/export/route");
    const csv = await exportCsv(new Request("http://127.0.0.1/admin/gifts/export?frequency=once"));
    expect(csv.status).toBe(200);
    await csv.text();
    const [entry] = await listStaffActions({ limit: 1, action: "export" });
    expect(entry).toMatchObject({ email: "finance@example.org", action: "export", detail: { query: "?frequency=once" } });
    const { default: Audit } = await import("./(signed-in)/audit/page");
    await expect(Audit({ searchParams: Promise.resolve({}) })).rejects.toThrow("NEXT_NOT_FOUND");
  });
});

describe.each(STAFF_ROLES.map((r) => [r]))("every staff server action, found on disk, for %s", (role) => {
  it("runs only if the role has the permission it declares (403 otherwise)", async () => {
    let refused = 0;
    for (const file of entryPoints(/(^|\/)actions\.ts$/)) {
      const text = source(file);
      const exports = (await import(path.join(here, file))) as Record<string, unknown>;
      for (const [name, action] of Object.entries(exports)) {
        const declared = /permission: "([a-z-]+)"/.exec(text.slice(text.indexOf(`export const ${name} = staffAction(`)))?.[1];
        if (!text.includes(`export const ${name} = staffAction(`) || !declared) continue;
        if (can(role, declared as never)) continue;
        as(role);
        const state = await (action as (previous: unknown, form: FormData) => Promise<{ status: number }>)({ status: null, message: null }, new FormData());
        expect(state.status, `${file} ${name}`).toBe(403);
        refused++;
      }
    }
    if (role === "read-only") expect(refused).toBeGreaterThanOrEqual(1);
    expect(reconcile).not.toHaveBeenCalled();
  });
});

describe.each(STAFF_ROLES.map((r) => [r]))("every staff route handler, found on disk, for %s", (role) => {
  it("answers 403 when the role lacks the permission it declares", async () => {
    let refused = 0;
    for (const file of entryPoints(/(^|\/)route\.tsx?$/)) {
      const text = source(file);
      for (const [, method, permission] of text.matchAll(/export const (GET|POST)\s*=\s*staffRoute\("([a-z-]+)"/g)) {
        if (can(role, permission as never)) continue;
        as(role);
        const handler = ((await import(path.join(here, file))) as Record<string, (r: Request) => Promise<Response>>)[method!]!;
        const res = await handler(new Request("http://127.0.0.1/admin/x", { method, headers: { host: "127.0.0.1", origin: "http://127.0.0.1" }, ...(method === "POST" ? { body: "{}" } : {}) }));
        expect(res.status, `${file} ${method}`).toBe(403);
        refused++;
      }
    }
    if (role === "read-only") expect(refused).toBe(2);
  });
});

function entryPoints(pattern: RegExp): string[] {
  return (readdirSync(here, { recursive: true }) as string[]).filter((file) => pattern.test(file.split(path.sep).join("/")));
}

function source(file: string): string {
  return readFileSync(path.join(here, file), "utf8");
}
