/**
 * The committed VCL, in a real varnishd, in front of a stub backend whose answers each test chooses:
 * what is stored, what never is, and that nothing a stranger sends can evict, shadow or poison the
 * page other readers get. (The whole recipe, with the real app, is tested in e2e-serving/.)
 */
import type { ChildProcess } from "node:child_process";
import { request, type IncomingMessage, type Server } from "node:http";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ASK_VARIANTS, chooseAskVariant } from "@/lib/donations/ask-variant";
import { cacheable, startStubApp, startVarnish, until, VARNISHD, type Answer, type Seen } from "./testing";

if (!VARNISHD && process.env.CI) throw new Error("varnishd is missing in CI: .ci/run must install Debian's varnish");

// Beside the e2e run's ports when E2E_PORT moves them (two runs on one machine).
const PORT = process.env.E2E_PORT ? Number(process.env.E2E_PORT) + 290 : 3390;
const workdir = path.resolve(".data/varnish-vcl-test");
let backend: Server;
let varnish: ChildProcess;
let answer: (req: IncomingMessage) => Answer = () => ({ body: "default" });
const seen: Seen[] = [];

type Reply = { status: number; headers: { get: (name: string) => string | null }; body: Buffer; text: () => Promise<string> };
/** node:http rather than fetch, which would add its own Accept-Encoding and decompress. */
function send(method: string, p: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: PORT, method, path: p, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const buf = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: { get: (name) => { const v = res.headers[name.toLowerCase()]; return v === undefined ? null : String(v); } },
          body: buf,
          text: async () => buf.toString(),
        });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}
const get = (p: string, headers: Record<string, string> = {}) => send("GET", p, headers);
const fetchesOf = (prefix: string) => seen.filter((s) => s.url.startsWith(prefix)).length;
let n = 0;
/** A fresh path per test, so tests never see each other's objects. */
const fresh = (prefix = "/articles") => `${prefix}/t${++n}-${Date.now().toString(36)}`;

describe.skipIf(!VARNISHD)("the Varnish configuration (deploy/varnish/default.vcl)", () => {
  beforeAll(async () => {
    backend = await startStubApp((req) => answer(req), seen);
    varnish = startVarnish(backend, PORT, workdir);
    await until(() => get("/robots.txt").then(() => true), "varnishd");
  });

  afterAll(async () => {
    varnish?.kill("SIGINT");
    await new Promise((r) => backend?.close(r));
  });

  it("stores a reading page once and serves every later reader from the cache", async () => {
    const p = fresh();
    answer = () => cacheable("page");
    expect((await get(p)).headers.get("x-cache")).toBe("MISS");
    const second = await get(p);
    expect(second.headers.get("x-cache")).toBe("HIT");
    expect(await second.text()).toBe("page");
    expect(fetchesOf(p)).toBe(1);
  });

  it("never stores a response that sets a cookie, or one marked private or no-store", async () => {
    const personal: Record<string, string>[] = [{ "set-cookie": "mh_gave=1; Path=/" }, { "cache-control": "private, no-cache, no-store, max-age=0" }, { "cache-control": "no-store" }];
    for (const headers of personal) {
      const p = fresh();
      answer = () => ({ body: "personal", headers: { "cache-control": "s-maxage=3600", ...headers } });
      await get(p);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await get(p)).headers.get("x-cache")).not.toBe("HIT");
      expect(fetchesOf(p)).toBe(2);
    }
  });

  it("never stores admin, API, thank-you or search pages, nor answers to POST", async () => {
    answer = () => cacheable("would be cacheable");
    for (const p of ["/admin", "/admin/gifts", "/support/thank-you?session_id=cs_1", "/api/anything", "/search?q=x"]) {
      await get(p);
      const again = await get(p);
      expect(again.headers.get("x-cache"), p).toBe("PASS");
    }
    const p = fresh();
    await send("POST", p, { "content-type": "application/x-www-form-urlencoded" }, "a=1");
    await send("POST", p, { "content-type": "application/x-www-form-urlencoded" }, "a=1");
    expect(fetchesOf(p)).toBe(2);
  });

  it("passes cookies to private pages but strips them from reading pages", async () => {
    const p = fresh();
    answer = () => cacheable("page");
    await get(p, { cookie: "mh_reads=4" });
    const withOther = await get(p, { cookie: "session=staff-token" });
    expect(withOther.headers.get("x-cache")).toBe("HIT");
    expect(seen.filter((s) => s.url === p).every((s) => s.headers.cookie === undefined)).toBe(true);
    await get("/admin", { cookie: "session=staff-token; mh_reads=2" });
    expect(seen.findLast((s) => s.url === "/admin")?.headers.cookie).toBe("session=staff-token; mh_reads=2");
  });

  it("keys reading pages on the ask variant the cookies choose, the same choice as the app's proxy", async () => {
    const p = fresh();
    answer = (req) => cacheable(`variant ${String(req.headers["x-masthead-ask"])}`);
    const readers: { cookie?: string; hasCookie: (name: string) => boolean }[] = [
      { hasCookie: () => false },
      { cookie: "mh_reads=3", hasCookie: () => false },
      { cookie: "mh_reads=3; mh_banner_closed=1767225600000", hasCookie: (n) => n === "mh_banner_closed" },
      { cookie: "mh_ask_snooze=1767225600000", hasCookie: (n) => n === "mh_ask_snooze" },
      { cookie: "mh_banner_closed=1; mh_gave=1767225600000", hasCookie: (n) => n === "mh_gave" || n === "mh_banner_closed" },
      // An empty value is no state, for the proxy as for the cache.
      { cookie: "mh_gave=; mh_reads=2", hasCookie: () => false },
    ];
    for (const { cookie, hasCookie } of readers) {
      const expected = chooseAskVariant(hasCookie);
      for (let i = 0; i < 2; i++) {
        const reply = await get(p, cookie ? { cookie, "x-masthead-ask": "quiet" } : { "x-masthead-ask": "quiet" });
        expect(await reply.text(), cookie).toBe(`variant ${expected}`);
      }
    }
    // One fetch per variant, whatever the mix of readers and whatever header a client sends itself.
    expect(fetchesOf(p)).toBe(ASK_VARIANTS.length);
    // Pages that are not reading pages carry no variant.
    answer = (req) => cacheable(`feed ${String(req.headers["x-masthead-ask"])}`);
    expect(await (await get("/feed.xml", { cookie: "mh_gave=1" })).text()).toBe("feed undefined");
  });

  it("keeps the ask's cookies from splitting other public pages, and passes a signed-in reader", async () => {
    const p = fresh("/support");
    answer = () => cacheable("support page");
    await get(p);
    expect((await get(p, { cookie: "mh_reads=9; mh_banner_closed=1" })).headers.get("x-cache")).toBe("HIT");
    expect((await get(p, { cookie: "mh_reads=9; session=x" })).headers.get("x-cache")).toBe("PASS");
  });

  it("gives gzip to clients that ask and plain bytes to the rest, each stored as the app sent it", async () => {
    const p = fresh();
    answer = () => cacheable("compressible ".repeat(50));
    await get(p, { "accept-encoding": "gzip, deflate, br" });
    const gz = await get(p, { "accept-encoding": "gzip, br" });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gz.headers.get("x-cache")).toBe("HIT");
    expect(gunzipSync(gz.body).toString()).toContain("compressible");
    const plain = await get(p, { "accept-encoding": "identity" });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toContain("compressible");
    await get(p, { "accept-encoding": "br" });
    expect(fetchesOf(p)).toBe(2);
  });

  it("lets no stranger's request evict, shadow or poison the cached page", async () => {
    const p = fresh();
    answer = (req) => {
      if (req.headers.rsc === "1" && !req.url?.includes("_rsc=")) return { status: 307, headers: { location: `${p}?_rsc=abc` } };
      if (req.headers.rsc === "1") return cacheable("rsc payload", { "content-type": "text/x-component" });
      if (req.headers["x-boom"]) return { status: 500, body: "boom", headers: { "cache-control": "private, no-store" } };
      return cacheable("the page");
    };
    await get(p);
    const strangers: Record<string, string>[] = [
      { rsc: "1" },
      { rsc: "1", "next-router-prefetch": "1" },
      { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/_tree" },
      { "next-router-prefetch": "1" },
      { "next-router-state-tree": "%5B%22%22%5D" },
      { "next-url": "/elsewhere" },
      { cookie: "mh_reads=1; __Host-session=evil" },
      { "accept-encoding": "br;q=1, x-evil" },
      { "x-middleware-subrequest": "middleware:middleware:middleware", "x-prerender-revalidate": "guess" },
      { "x-boom": "1" },
    ];
    for (const headers of strangers) await get(p, headers);
    for (const q of ["?utm_source=x", "?_rsc=zzz&x=1", "?nocache=1"]) await get(`${p}${q}`);
    const reader = await get(p);
    expect(reader.headers.get("x-cache")).toBe("HIT");
    expect(reader.status).toBe(200);
    expect(await reader.text()).toBe("the page");
    // The page as readers ask for it was fetched once; every other fetch was for a variant under its own key.
    const plain = (s: Seen) => ["rsc", "next-router-prefetch", "next-router-state-tree", "next-url", "accept-encoding"].every((h) => s.headers[h] === undefined);
    expect(seen.filter((s) => s.url === p && plain(s)).length).toBe(1);
    expect(seen.filter((s) => s.url.startsWith(p)).every((s) => s.headers["x-middleware-subrequest"] === undefined && s.headers.cookie === undefined)).toBe(true);
  });

  it("keeps serving the stale copy when a background refresh fails", async () => {
    const p = fresh();
    let broken = false;
    answer = () => (broken ? { status: 500, body: "down", headers: { "cache-control": "private, no-store" } } : cacheable("good", { "cache-control": "s-maxage=1, stale-while-revalidate=3600" }));
    await get(p);
    broken = true;
    await new Promise((r) => setTimeout(r, 1500));
    for (let i = 0; i < 3; i++) {
      const res = await get(p);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe("good");
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  it("PURGE drops every variant of one path; BAN drops a path and everything below it", async () => {
    const section = fresh("/sections");
    const later = `${section}/page/2`;
    const other = fresh("/sections");
    let version = 1;
    answer = () => cacheable(`v${version}`);
    for (const p of [section, later, other]) {
      await get(p);
      await get(p, { "accept-encoding": "gzip" });
    }
    version = 2;
    // One relayed by a proxy (another client before Varnish's own address) is refused.
    for (const method of ["PURGE", "BAN"]) expect((await send(method, section, { "x-forwarded-for": "203.0.113.9" })).status).toBe(405);
    expect(await (await get(section)).text()).toBe("v1");
    expect((await send("PURGE", section)).status).toBe(200);
    expect(await (await get(section)).text()).toBe("v2");
    expect((await get(section, { "accept-encoding": "gzip" })).headers.get("x-cache")).toBe("MISS");
    expect(await (await get(later)).text()).toBe("v1");

    expect((await send("BAN", section)).status).toBe(200);
    expect(await (await get(later)).text()).toBe("v2");
    expect(await (await get(other)).text()).toBe("v1");
  });

  it("refuses a request target far longer, or with far more query parameters, than the site makes", async () => {
    const before = seen.length;
    expect((await get(`/search?${"a=1&".repeat(100)}`)).status).toBe(414);
    expect((await get(`/articles/x?${"a=1&".repeat(100)}`)).status).toBe(414);
    expect((await get(`/search?q=${"x".repeat(5000)}`)).status).toBe(414);
    expect(seen.length).toBe(before);
    answer = () => ({ body: "fine", headers: { "cache-control": "no-store" } });
    expect((await get(`/search?${Array.from({ length: 60 }, (_, i) => `a${i}=1`).join("&")}`)).status).toBe(200);
  });
});
