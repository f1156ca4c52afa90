/**
 * The committed front (deploy/nginx/) in a real nginx, in front of a real varnishd running the committed
 * VCL, in front of a stub backend whose answers each test chooses: what the front keeps and for how
 * long, that it keeps nothing Varnish would not, and that no stranger's request can poison its copies.
 * (Varnish's own rules are tested in deploy/varnish/vcl.test.ts; the whole recipe in e2e-serving/.)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { request, type IncomingMessage, type Server } from "node:http";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ASK_VARIANTS, chooseAskVariant } from "@/lib/donations/ask-variant";
import { cacheable, PAGE_VARY, startStubApp, startVarnish, until, VARNISHD, type Answer, type Seen } from "@/deploy/varnish/testing";
import { FRONT_SECURITY_HEADERS, missingFrontPackages, NGINX_BINARY, SEND_COPY_CONF, writeFrontConfig } from "./config";

const missing = [...(VARNISHD ? [] : ["varnish"]), ...missingFrontPackages()];
if (missing.length > 0 && process.env.CI) throw new Error(`${missing.join(", ")} missing in CI: .ci/run must install them`);

// Beside the e2e run's ports when E2E_PORT moves them (two runs on one machine).
const FRONT = process.env.E2E_PORT ? Number(process.env.E2E_PORT) + 294 : 3394;
const CACHE = FRONT + 1;
const workdir = path.resolve(".data/front-test");

// The app's static security headers, as the stub sends them on every answer (lib/security/headers.ts).
const SECURITY: [string, string][] = [
  ["content-security-policy", "default-src 'self'; script-src 'self' 'unsafe-inline'"],
  ["x-frame-options", "DENY"],
  ["referrer-policy", "strict-origin-when-cross-origin"],
];

let backend: Server;
let varnish: ChildProcess;
let nginx: ChildProcess;
let answer: (req: IncomingMessage) => Answer = () => ({ body: "default" });
const seen: Seen[] = [];

type Reply = { status: number; header: (name: string) => string | undefined; body: Buffer; text: string };
/** node:http, so no client adds its own Accept-Encoding or decompresses. */
function send(method: string, p: string, headers: Record<string, string> = {}, port = FRONT): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path: p, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        const encoding = res.headers["content-encoding"];
        const text = (encoding === "gzip" ? gunzipSync(body) : encoding === "br" ? brotliDecompressSync(body) : body).toString();
        resolve({ status: res.statusCode ?? 0, header: (name) => (res.headers[name] === undefined ? undefined : String(res.headers[name])), body, text });
      });
    });
    req.on("error", reject);
    req.end();
  });
}
const get = (p: string, headers: Record<string, string> = {}) => send("GET", p, headers);
const fetchesOf = (p: string) => seen.filter((s) => s.url === p || s.url.startsWith(`${p}?`)).length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let n = 0;
const fresh = (prefix = "/articles") => `${prefix}/f${++n}-${Date.now().toString(36)}`;
/** The front's stored copies, each file as text (its key, headers and body). */
const copies = () =>
  readdirSync(path.join(workdir, "front/cache"), { recursive: true, encoding: "utf8" })
    .map((f) => path.join(workdir, "front/cache", f))
    .filter((f) => statSync(f).isFile())
    .map((f) => readFileSync(f, "latin1"));

describe("the front's copies of Varnish's rules", () => {
  const vcl = readFileSync("deploy/varnish/default.vcl", "utf8");
  const maps = readFileSync("deploy/nginx/maps.conf", "utf8");
  it("chooses the ask variant from the same cookie patterns as the VCL", () => {
    const fromVcl = [...vcl.matchAll(/req\.http\.Cookie ~ "(\(\^\|;\\s\*\)[^"]+)"\) \{\s*set req\.http\.x-masthead-ask = "([a-z-]+)"/g)].map((m) => [m[1], m[2]]);
    const fromMaps = [...maps.matchAll(/"~(\(\^\|;\\s\*\)[^"]+)"\s+([a-z-]+);/g)].map((m) => [m[1], m[2]]);
    expect(fromVcl).toHaveLength(2);
    expect(fromMaps).toEqual(fromVcl);
  });
  it("leaves out of the front's copies exactly the security headers the front adds back", () => {
    const block = /if \(req\.http\.x-masthead-front-keeps[^{]*\{([^}]*)\}/.exec(vcl);
    expect(block).not.toBeNull();
    const unset = [...block![1]!.matchAll(/unset resp\.http\.([A-Za-z-]+);/g)].map((m) => m[1]!.toLowerCase());
    expect(unset.sort()).toEqual([...FRONT_SECURITY_HEADERS].sort());
  });
  it("keeps copies of the reading pages only on the paths Varnish strips cookies from", () => {
    const varnishPage = /if \(req\.url ~ "\^\/\(\(articles\|sections\|tags\|authors\)\/\[\^\/\?\]\+\(\/page\/\[\^\/\?\]\+\)\?\)\?\(\\\?\|\$\)"\)/;
    expect(vcl).toMatch(varnishPage);
    const front = readFileSync("deploy/nginx/front.conf", "utf8");
    const locations = [...front.matchAll(/^location (=|\^~) (\S+)\s+\{ include keep-pa(?:ge|th)\.conf; \}$/gm)];
    const kept = locations.map((m) => m[2]!);
    expect(kept).toEqual(expect.arrayContaining(["/", "/articles/", "/sections/", "/tags/", "/authors/"]));
    // Every path the front keeps (a prefix stands for a path under it) is one Varnish strips cookies from.
    const vclUrlPattern = (start: string) => {
      const source = vcl.split("\n").map((line) => /req\.url ~ "([^"]+)"/.exec(line)?.[1]).find((r) => r?.startsWith(start));
      expect(source, start).toBeDefined();
      return new RegExp(source!);
    };
    const varnishFiles = vclUrlPattern("^/($|");
    const varnishAssets = vclUrlPattern("^/(_next/static/");
    const assets = [...front.matchAll(/^location \^~ (\S+)\s+\{ include keep-asset\.conf; \}$/gm)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const [, kind, p] of locations) expect(kind === "^~" ? `${p}x` : p).toMatch(varnishFiles);
    for (const p of [...assets, "/_next/static/"]) expect(`${p}x`).toMatch(varnishAssets);
  });
});

describe.skipIf(missing.length > 0)("the front (deploy/nginx) in front of Varnish", () => {
  beforeAll(async () => {
    rmSync(workdir, { recursive: true, force: true });
    backend = await startStubApp((req) => answer(req), seen, Object.fromEntries(SECURITY));
    varnish = startVarnish(backend, CACHE, path.join(workdir, "varnish"));
    await until(() => send("GET", "/robots.txt", {}, CACHE).then(() => true), "varnishd");
    const conf = writeFrontConfig({ host: "127.0.0.1", port: FRONT, cachePort: CACHE, workdir: path.join(workdir, "front"), cacheSize: "32m", workers: "1", securityHeaders: SECURITY, pageVary: PAGE_VARY });
    nginx = spawn(NGINX_BINARY, ["-c", conf, "-p", path.join(workdir, "front"), "-g", "daemon off;"], { stdio: "ignore" });
    await until(() => get("/robots.txt").then(() => true), "nginx");
  });

  afterAll(async () => {
    nginx?.kill("SIGQUIT");
    varnish?.kill("SIGINT");
    await new Promise((r) => backend?.close(r));
  });

  it("answers a reading page from its copy, and takes a change from Varnish within two seconds", async () => {
    const p = fresh();
    let version = 1;
    answer = () => cacheable(`v${version}`);
    expect((await get(p)).header("x-cache")).toBe("MISS");
    const hit = await get(p);
    expect(hit.header("x-cache")).toBe("HIT");
    expect(hit.text).toBe("v1");
    expect(fetchesOf(p)).toBe(1);

    version = 2;
    expect((await send("PURGE", p, {}, CACHE)).status).toBe(200);
    const purgedAt = Date.now();
    let text = "";
    while (Date.now() - purgedAt < 3_000 && (text = (await get(p)).text) !== "v2") await sleep(50);
    expect(text).toBe("v2");
    expect(Date.now() - purgedAt).toBeLessThan(2_200);
  });

  it("sends the app's security headers once on what it keeps, having kept them out of its copy", async () => {
    const p = fresh();
    answer = () => cacheable("page");
    for (const reply of [await get(p), await get(p), await get(p, { "accept-encoding": "br" }), await get(p, { rsc: "1" })]) {
      for (const [name, value] of SECURITY) expect(reply.header(name), `${name}, ${reply.header("x-cache")}`).toBe(value);
    }
    const copy = copies().find((c) => c.includes(`KEY: 127.0.0.1|${p}|`));
    expect(copy).toBeDefined();
    expect(copy!.toLowerCase()).not.toContain("content-security-policy");
    // A dynamic page's own nonce CSP is its own: passed through untouched, alone.
    const q = fresh("/admin");
    const nonce = "default-src 'self'; script-src 'nonce-abc' 'strict-dynamic'";
    answer = () => ({ body: "staff", headers: { "cache-control": "no-store", "content-security-policy": nonce } });
    expect((await get(q)).header("content-security-policy")).toBe(nonce);
  });

  it("keeps in its copy only the headers it cannot send itself, and sends a page's Vary once", async () => {
    const p = fresh();
    const body = "0123456789".repeat(200);
    answer = () => cacheable(body);
    for (const encoding of ["gzip", ""]) await get(p, { "accept-encoding": encoding });
    for (const encoding of ["gzip", ""]) {
      const hit = await get(p, { "accept-encoding": encoding });
      expect(hit.header("x-cache")).toBe("HIT");
      // node:http joins a repeated Vary into one value: this is one Vary, the app's.
      expect(hit.header("vary")).toBe(PAGE_VARY);
      expect(hit.header("accept-ranges")).toBe("bytes");
      expect(hit.header("server")).toBe("nginx");
      expect(hit.header("date")).toBeDefined();
      const copy = copies().find((c) => c.includes(`KEY: 127.0.0.1|${p}|${encoding}|`));
      expect(copy, encoding).toBeDefined();
      const stored = copy!.slice(copy!.indexOf("\nHTTP/1.1 "), copy!.indexOf("\r\n\r\n")).toLowerCase();
      expect(stored).toContain("\r\ncontent-type:");
      for (const name of ["vary", "age", "date", "server", "accept-ranges", "x-nextjs-stale-time"]) expect(stored, encoding).not.toContain(`\r\n${name}:`);
    }
    const part = await get(p, { range: "bytes=10-19" });
    expect([part.status, part.header("x-cache"), part.text]).toEqual([206, "HIT", body.slice(10, 20)]);
    // Another Vary (an image under a page's path) stays in the copy: the reader gets it and the page's.
    const image = `${p}/share-image.png`;
    const imageVary = "rsc, next-router-state-tree";
    answer = () => cacheable("png", { vary: imageVary, "content-type": "image/png" });
    await get(image);
    const kept = await get(image);
    expect(kept.header("x-cache")).toBe("HIT");
    expect(new Set(kept.header("vary")!.split(", "))).toEqual(new Set([...imageVary.split(", "), ...PAGE_VARY.split(", ")]));
  });

  it("sends a copy larger than its one send buffer (send-copy.conf) whole, and any range of it", async () => {
    const buffer = Number(/^output_buffers 1 (\d+)k;$/m.exec(readFileSync(SEND_COPY_CONF, "utf8"))?.[1]) * 1024;
    expect(buffer).toBeGreaterThan(0);
    const p = fresh();
    // Over two buffers of distinct lines: a byte out of place or lost between two reads of the copy shows.
    const body = Array.from({ length: Math.ceil((2.2 * buffer) / 14) }, (_, i) => `line ${String(i).padStart(8, "0")}\n`).join("");
    answer = () => cacheable(body);
    await get(p);
    const hit = await get(p);
    expect([hit.header("x-cache"), hit.header("content-length"), hit.text === body]).toEqual(["HIT", String(body.length), true]);
    const [from, to] = [buffer - 5, 2 * buffer + 5];
    const part = await get(p, { range: `bytes=${from}-${to}` });
    expect([part.status, part.header("x-cache"), part.text === body.slice(from, to + 1)]).toEqual([206, "HIT", true]);
  });

  it("keeps nothing Varnish did not keep: a cookie set, a private answer, the private paths", async () => {
    const personal: Record<string, string>[] = [{ "set-cookie": "mh_gave=1; Path=/" }, { "cache-control": "private, no-store" }];
    for (const headers of personal) {
      const p = fresh();
      answer = () => ({ body: "personal", headers: { "cache-control": "s-maxage=3600", ...headers } });
      await get(p);
      await sleep(1_100);
      expect((await get(p)).header("x-cache")).not.toBe("HIT");
      expect(fetchesOf(p)).toBe(2);
    }
    answer = () => cacheable("would be cacheable");
    for (const p of ["/admin", "/support/thank-you?session_id=cs_1", "/api/anything", "/search?q=x"]) {
      await get(p, { cookie: "session=staff; mh_reads=2" });
      expect((await get(p, { cookie: "session=staff; mh_reads=2" })).header("x-cache"), p).toBe("PASS");
      expect(seen.findLast((s) => s.url === p)?.headers.cookie).toBe("session=staff; mh_reads=2");
    }
  });

  it("keys reading pages on the ask variant the cookies choose, as Varnish and the app's proxy do", async () => {
    const p = fresh();
    answer = (req) => cacheable(`variant ${String(req.headers["x-masthead-ask"])}`);
    const readers: { cookie?: string; hasCookie: (name: string) => boolean }[] = [
      { hasCookie: () => false },
      { cookie: "mh_reads=3; mh_banner_closed=1767225600000", hasCookie: (c) => c === "mh_banner_closed" },
      { cookie: "mh_ask_snooze=1767225600000", hasCookie: (c) => c === "mh_ask_snooze" },
      { cookie: "mh_banner_closed=1; mh_gave=1767225600000", hasCookie: (c) => c === "mh_gave" || c === "mh_banner_closed" },
      { cookie: "mh_gave=; mh_reads=2", hasCookie: () => false },
    ];
    for (const { cookie, hasCookie } of readers) {
      for (let i = 0; i < 2; i++) {
        const reply = await get(p, { "x-masthead-ask": "quiet", ...(cookie ? { cookie } : {}) });
        expect(reply.text, cookie).toBe(`variant ${chooseAskVariant(hasCookie)}`);
        if (i === 1) expect(reply.header("x-cache"), cookie).toBe("HIT");
      }
    }
    expect(fetchesOf(p)).toBe(ASK_VARIANTS.length);
  });

  it("lets no stranger's request evict, shadow or poison its copy", async () => {
    const p = fresh();
    answer = (req) => {
      if (req.headers.rsc === "1") return cacheable("rsc payload", { "content-type": "text/x-component" });
      // As if the app answered a router header without RSC differently (Next.js does not): never kept.
      if (req.headers["next-url"]) return cacheable("intercepted");
      return cacheable("the page");
    };
    await get(p);
    const strangers: Record<string, string>[] = [
      { rsc: "1" },
      { rsc: "1|1", "next-router-prefetch": "1" },
      { "next-router-segment-prefetch": "/_tree" },
      { "next-router-state-tree": "%5B%22%22%5D" },
      { "next-url": "/elsewhere|gzip|full" },
      { cookie: "mh_reads=1; __Host-session=evil" },
      { "accept-encoding": "gzip;q=0, identity" },
      { "accept-encoding": "x-evil|br" },
      { host: "evil.example" },
    ];
    for (const headers of strangers) await get(p, headers);
    for (const q of ["?utm_source=x", "?_rsc=zzz", `?x=1&_rsc=1`]) await get(`${p}${q}`);
    await get(`${p}%7Cgzip%7Cfull`);
    // Once the copy has expired, a stranger's request brings the refresh: Varnish's answer for its headers, not kept.
    await sleep(2_100);
    expect((await get(p, { "next-url": "/elsewhere" })).text).toBe("intercepted");
    const rsc = await get(p, { rsc: "1" });
    expect(rsc.text).toBe("rsc payload");
    const reader = await get(p);
    expect(reader.header("x-cache")).toBe("HIT");
    expect(reader.text).toBe("the page");
    expect(reader.header("content-encoding")).toBeUndefined();
  });

  it("sends a reading page's query on to Varnish, and keeps an image's query in its key", async () => {
    const p = fresh();
    answer = (req) => cacheable(`page ${req.url}`);
    await get(p);
    for (let i = 0; i < 2; i++) expect((await get(`${p}?utm_source=x`)).header("x-cache")).toBe("HIT");
    // Varnish's hits (it drops a page's query: one fetch), not copies of the front's.
    expect(fetchesOf(p)).toBe(1);
    expect(copies().filter((c) => c.includes(`KEY: 127.0.0.1|${p}`))).toHaveLength(1);
    const icon = `/icon-${++n}.png`;
    answer = (req) => cacheable(`icon ${req.url}`);
    for (const v of ["a", "b"]) {
      await get(`${icon}?v=${v}`);
      const reply = await get(`${icon}?v=${v}`);
      expect(reply.text).toBe(`icon ${icon}?v=${v}`);
      expect(reply.header("x-cache")).toBe("HIT");
    }
  });

  it("gives brotli, gzip or plain bytes by what the client accepts, and never a refused one", async () => {
    const p = fresh();
    const page = "compressible ".repeat(200);
    answer = () => cacheable(page);
    const cases: [string, string | undefined][] = [
      ["gzip, deflate, br, zstd", "br"],
      ["br;q=1, gzip;q=0.5", "br"],
      ["gzip", "gzip"],
      ["br;q=0, gzip", "gzip"],
      ["gzip;q=0, identity", undefined],
      ["", undefined],
    ];
    for (const [acceptEncoding, expected] of cases) {
      for (let i = 0; i < 2; i++) {
        const reply = await get(p, acceptEncoding ? { "accept-encoding": acceptEncoding } : {});
        expect(reply.header("content-encoding"), acceptEncoding).toBe(expected);
        expect(reply.text, acceptEncoding).toBe(page);
      }
    }
    // Varnish fetched the plain and the gzip bytes once each; brotli is made from the plain ones.
    expect(seen.filter((s) => s.url === p).map((s) => s.headers["accept-encoding"] ?? "").sort()).toEqual(["", "gzip"]);
    const br = await get(p, { "accept-encoding": "br" });
    expect(br.body.length).toBeLessThan(page.length / 10);
  });

  it("hands the app the client's address as the last hop, and refuses purges from outside", async () => {
    const p = fresh("/admin");
    answer = () => ({ body: "ok", headers: { "cache-control": "no-store" } });
    await get(p, { "x-forwarded-for": "203.0.113.9" });
    // The client (127.0.0.1 here) last, after what it claimed; Varnish's own hop from the front is gone.
    expect(seen.findLast((s) => s.url === p)?.headers["x-forwarded-for"]).toBe("203.0.113.9, 127.0.0.1");
    const q = fresh();
    answer = () => cacheable("kept");
    await get(q);
    for (const method of ["PURGE", "BAN"]) expect((await send(method, q)).status).toBe(405);
    expect((await get(q)).header("x-cache")).toBe("HIT");
  });

  it("serves its last copy when Varnish cannot answer, and a page of its own when it has none", async () => {
    const p = fresh();
    answer = () => cacheable("still here");
    await get(p);
    varnish.kill("SIGINT");
    await until(() => send("GET", "/", {}, CACHE).then(() => false, () => true), "varnishd's stop");
    await sleep(1_100);
    const stale = await get(p);
    expect(stale.status).toBe(200);
    expect(stale.text).toBe("still here");
    const none = await get(fresh());
    expect(none.status).toBe(502);
    expect(none.header("content-type")).toContain("text/html");
    expect(none.text).toContain("Back in a moment");
    expect(none.header("cache-control")).toBe("no-store");
  });
});
