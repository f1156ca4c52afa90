import { describe, expect, it, vi } from "vitest";

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
    await expect(requireStaff("/admin/gifts?status=refunded")).rejects.toMatchObject({ to: "/admin/sign-in?next=%2Fadmin%2Fgifts%3Fstatus%3Drefunded" });
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
    const { readdirSync, readFileSync } = await import("node:fs");
    const path = await import("node:path");
    const dir = path.resolve(import.meta.dirname);
    const routes = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /(^|\/)route\.tsx?$/.test(f));
    expect(routes.length).toBeGreaterThanOrEqual(2);
    for (const file of routes) {
      const source = readFileSync(path.join(dir, file), "utf8");
      const exported = [...source.matchAll(/export\s+(?:async\s+function|const)\s+(GET|HEAD|POST|PUT|PATCH|DELETE)\b[^\n]*/g)];
      expect(exported.length, file).toBeGreaterThan(0);
      for (const [line] of exported) expect(line, file).toMatch(/=\s*staffRoute\(/);
    }
  });
});
