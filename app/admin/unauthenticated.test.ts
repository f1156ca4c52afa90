import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

const here = import.meta.dirname;

// No session cookie at all, and a forged one: every staff entry point must refuse both.
const jar = vi.hoisted(() => ({ value: undefined as string | undefined }));
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.value && name === "masthead_staff" ? { name, value: jar.value } : undefined), set: () => {} }),
  headers: async () => new Headers(),
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));
const reconcile = vi.hoisted(() => vi.fn());
vi.mock("@/lib/stripe/reconcile", () => ({ runReconciliation: reconcile, describeReport: () => [] }));
vi.mock("@/db/reports", async (original) => {
  const fail = () => {
    throw new Error("staff data was read without a session");
  };
  const real = await original<typeof import("@/db/reports")>();
  return { ...real, listGifts: fail, getDashboardFigures: fail, getSupporterProfile: fail, streamGifts: fail };
});

const { reconcileAction } = await import("./(signed-in)/actions");
const { GET: exportCsv } = await import("./(signed-in)/gifts/export/route");
const { POST: reconcileApi } = await import("./api/reconcile/route");
const { requireStaff } = await import("./_lib/auth");

describe.each([
  ["no cookie", undefined],
  ["a forged cookie", "Fe26.2*1*forged*value"],
])("the staff area with %s", (_label, cookie) => {
  it("sends pages to sign-in, keeping where they were going", async () => {
    jar.value = cookie;
    await expect(requireStaff("/admin/gifts?status=refunded", "view")).rejects.toMatchObject({ to: "/admin/sign-in?next=%2Fadmin%2Fgifts%3Fstatus%3Drefunded" });
  });

  it("answers 401 from the CSV export and the reconciliation API, with nothing else in the body", async () => {
    jar.value = cookie;
    const csv = await exportCsv(new Request("http://local/admin/gifts/export"));
    expect(csv.status).toBe(401);
    expect(csv.headers.get("cache-control")).toBe("private, no-store");
    expect(await csv.json()).toEqual({ error: "Sign in to the staff area first." });
    const api = await reconcileApi(new Request("http://local/admin/api/reconcile", { method: "POST", body: JSON.stringify({ from: "2026-11-01", to: "2026-11-30" }) }));
    expect(api.status).toBe(401);
  });

  it("answers 401 from the reconcile server action without running it", async () => {
    jar.value = cookie;
    const form = new FormData();
    form.set("period", "month");
    expect(await reconcileAction({ status: null, message: null, lines: [] }, form)).toMatchObject({ status: 401 });
    expect(reconcile).not.toHaveBeenCalled();
  });
});

describe("staff route handlers", () => {
  it("refuse a cross-origin POST with 403 before looking at the session, text/plain included", async () => {
    jar.value = undefined;
    for (const headers of [
      { origin: "https://evil.example", "content-type": "text/plain" },
      { origin: "null", "content-type": "text/plain" },
      { "sec-fetch-site": "cross-site", "content-type": "application/json" },
    ] as Record<string, string>[]) {
      const res = await reconcileApi(new Request("http://127.0.0.1:3000/admin/api/reconcile", { method: "POST", headers: { host: "127.0.0.1:3000", ...headers }, body: '{"from":"2026-11-01","to":"2026-11-30"}' }));
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    // The same request from the site itself reaches the session check.
    const own = await reconcileApi(new Request("http://127.0.0.1:3000/admin/api/reconcile", { method: "POST", headers: { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }, body: "{}" }));
    expect(own.status).toBe(401);
    expect(reconcile).not.toHaveBeenCalled();
  });

  it("are all wrapped in staffRoute (found on disk, not listed by hand)", async () => {
    const routes = entryPoints(/(^|\/)route\.tsx?$/);
    expect(routes.length).toBeGreaterThanOrEqual(2);
    for (const file of routes) {
      const exported = [...source(file).matchAll(/export\s+(?:async\s+function|const)\s+(GET|HEAD|POST|PUT|PATCH|DELETE)\b[^\n]*/g)];
      expect(exported.length, file).toBeGreaterThan(0);
      for (const [line] of exported) expect(line, file).toMatch(new RegExp(`=\\s*staffRoute\\("(${PERMISSIONS})",`));
    }
  });
});

// Ending a session you do not have, signing in and its second step (which checks its own half-finished
// session) are the only things the staff area does for strangers.
const PUBLIC_ACTIONS = new Set(["signInAction", "secondFactorAction", "signOutAction"]);

describe.each([
  ["no cookie", undefined],
  ["a forged cookie", "Fe26.2*1*forged*value"],
])("every staff server action, found on disk, with %s", (_label, cookie) => {
  it("is wrapped in staffAction and answers 401 without running", async () => {
    const files = entryPoints(/(^|\/)actions\.ts$/);
    expect(files.length).toBeGreaterThanOrEqual(2);
    let guarded = 0;
    for (const file of files) {
      const exports = (await import(path.join(here, file))) as Record<string, unknown>;
      for (const [name, action] of Object.entries(exports)) {
        if (PUBLIC_ACTIONS.has(name) || typeof action !== "function") continue;
        expect(source(file), `${file} ${name}`).toMatch(new RegExp(`export const ${name} = staffAction\\(`));
        expect(declaredPermission(source(file), name), `${file} ${name} declares what it needs`).toMatch(new RegExp(`^(${PERMISSIONS})$`));
        jar.value = cookie;
        const state = await (action as (previous: unknown, form: FormData) => Promise<{ status: number }>)({ status: null, message: null }, new FormData());
        expect(state.status, `${file} ${name}`).toBe(401);
        guarded++;
      }
    }
    expect(guarded).toBeGreaterThanOrEqual(1);
    expect(reconcile).not.toHaveBeenCalled();
  });
});

describe("every signed-in staff page, found on disk", () => {
  it("sends a visitor without a session to sign-in before reading anything", async () => {
    const pages = entryPoints(/^\(signed-in\)\/(.*\/)?page\.tsx$/);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const file of pages) {
      jar.value = undefined;
      const { default: Page } = (await import(path.join(here, file))) as { default: (props: unknown) => Promise<unknown> };
      await expect(Page({ params: Promise.resolve({ id: "1" }), searchParams: Promise.resolve({}) }), file).rejects.toMatchObject({ to: expect.stringMatching(/^\/admin\/sign-in\?next=/) });
    }
  });
});

describe("every signed-in staff page, found on disk", () => {
  it("says which permission it needs", () => {
    for (const file of entryPoints(/^\(signed-in\)\/(.*\/)?page\.tsx$/)) {
      expect(source(file), file).toMatch(new RegExp(`requireStaff\\([^;]*?, "(${PERMISSIONS})"`));
    }
  });
});

const { STAFF_PERMISSIONS } = await import("@/lib/staff/roles");
const PERMISSIONS = STAFF_PERMISSIONS.join("|");

/** The `permission: "…"` in the options of the staffAction(...) call that defines `name`. */
function declaredPermission(text: string, name: string): string | undefined {
  const start = text.indexOf(`export const ${name} = staffAction(`);
  const end = text.indexOf("export ", start + 1);
  return /permission: "([a-z-]+)"/.exec(text.slice(start, end < 0 ? undefined : end))?.[1];
}

function entryPoints(pattern: RegExp): string[] {
  return (readdirSync(here, { recursive: true }) as string[]).filter((file) => pattern.test(file.split(path.sep).join("/")));
}

function source(file: string): string {
  return readFileSync(path.join(here, file), "utf8");
}
