import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NGINX_BINARY } from "@/deploy/nginx/config";
import { combinedP99, combineSlices, startNginx, type LoadResult, type Started } from "./serve";

/** A slice's tail as wrk prints it, for latencies spread evenly over [from, to] ms above p90. */
const tail = (from: number, to: number): [number, number][] => Array.from({ length: 201 }, (_, i) => [90 + i * 0.05, from + ((to - from) * i) / 200]);
const slice = (requests: number, seconds: number, t: [number, number][]): LoadResult => ({ rps: requests / seconds, p50ms: 1, p99ms: Number.NaN, requests, errors: 0, non2xx: 0, tail: t });

describe("slices of a bench round taken together", () => {
  it("gives the p99 of all their requests, not of any one slice", () => {
    // Two equal slices: one fast (p90..p100 = 1..2 ms), one slow (p90..p100 = 4..8 ms). Together, the
    // slowest 1 % are the slow slice's slowest 2 %: its p98 = 4 + 4 × 8/10 = 7.2 ms.
    const p99 = combinedP99([slice(1000, 1, tail(1, 2)), slice(1000, 1, tail(4, 8))]);
    expect(p99).toBeGreaterThanOrEqual(7.2);
    expect(p99).toBeLessThan(7.25);
    // One slice alone: its own p99.
    expect(combinedP99([slice(1000, 1, tail(4, 8))])).toBeCloseTo(7.6, 5);
  });

  it("weighs each slice by its requests, for the rate as for the tail", () => {
    const combined = combineSlices([slice(3000, 1, tail(1, 2)), slice(1000, 1, tail(4, 8))]);
    expect(combined.rps).toBe(2000);
    expect(combined.requests).toBe(4000);
    // 1 % of 4,000 = 40 requests: the slow slice's slowest 4 %, from its p96 = 4 + 4 × 6/10 = 6.4 ms.
    expect(combined.p99ms).toBeGreaterThanOrEqual(6.4);
    expect(combined.p99ms).toBeLessThan(6.45);
  });
});

const PORT = process.env.E2E_PORT ? Number(process.env.E2E_PORT) + 298 : 3398;
if (!existsSync(NGINX_BINARY) && process.env.CI) throw new Error("nginx missing in CI: .ci/run must install it");

/** node:http, so no client adds its own Accept-Encoding or decompresses; raw header names, each as often as sent. */
function get(p: string, headers: Record<string, string> = {}): Promise<{ status: number; raw: [string, string][]; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port: PORT, path: p, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const raw: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) raw.push([res.rawHeaders[i]!.toLowerCase(), res.rawHeaders[i + 1]!]);
        resolve({ status: res.statusCode!, raw, body: Buffer.concat(chunks) });
      });
    })
      .on("error", reject)
      .end();
  });
}

describe.skipIf(!existsSync(NGINX_BINARY))("nginx answering with the recipe's response (the bench's reference)", () => {
  const work = path.resolve(".data/bench-serve-test");
  const page = "<!doctype html><title>A page</title>" + "<p>The same bytes.</p>".repeat(200);
  // A response as the recipe sends one: nginx's own headers (which the reference makes itself), the
  // app's, and values that need escaping in nginx's configuration.
  const recipe = new Headers({
    date: "Mon, 07 Dec 2026 21:00:00 GMT",
    server: "nginx",
    connection: "keep-alive",
    "content-length": String(page.length),
    "content-type": "text/html; charset=utf-8",
    "cache-control": "s-maxage=86400, stale-while-revalidate=31449600",
    etag: '"qfhvfkf8db1f1a"',
    "content-security-policy": "default-src 'self'; img-src 'self' data:",
    "x-odd": 'a \\ b "c"',
    "x-cache": "HIT",
    vary: "rsc, next-router-state-tree, Accept-Encoding",
  });
  const app = ["content-type", "cache-control", "etag", "content-security-policy", "x-odd", "x-cache", "vary"];
  let nginx: Started;

  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(path.join(work, "root", "articles"), { recursive: true });
    writeFileSync(path.join(work, "root", "articles", "a-page"), page);
    writeFileSync(path.join(work, "root", "articles", "a-page.gz"), gzipSync(page));
    nginx = await startNginx(path.join(work, "root"), PORT, path.join(work, "nginx"), "1", recipe);
  });
  afterAll(async () => {
    await nginx?.stop();
  });

  for (const client of ["identity", "gzip"] as const) {
    it(`sends each of the app's headers once, as the recipe did, and none of nginx's for a file (${client})`, async () => {
      const res = await get("/articles/a-page", { "accept-encoding": client });
      expect(res.status).toBe(200);
      for (const name of app) expect(res.raw.filter(([n]) => n === name), name).toEqual([[name, recipe.get(name)]]);
      const names = res.raw.map(([n]) => n);
      expect(names).not.toContain("last-modified");
      expect(new Set(names).size).toBe(names.length);
      expect(res.raw.find(([n]) => n === "content-encoding")?.[1]).toBe(client === "gzip" ? "gzip" : undefined);
      expect(res.body).toEqual(client === "gzip" ? gzipSync(page) : Buffer.from(page));
    });
  }

  it("without a response, serves the file with nginx's own headers", async () => {
    await nginx.stop();
    nginx = await startNginx(path.join(work, "root"), PORT, path.join(work, "nginx"), "1");
    const res = await get("/articles/a-page", { "accept-encoding": "gzip" });
    const names = res.raw.map(([n]) => n);
    expect(names).toEqual(expect.arrayContaining(["last-modified", "etag", "vary"]));
    expect(names).not.toContain("cache-control");
    expect(res.raw.find(([n]) => n === "content-type")?.[1]).toBe("text/html");
  });
});
