/**
 * What a reader's phone downloads for a page: bytes on the wire (compressed, with headers, as
 * Chromium's DevTools protocol counts them) by kind — HTML, JS, CSS, images, fonts, other — and the
 * pages Next.js prefetches on its own (RSC requests marked `next-router-prefetch`) counted apart.
 * A 412 px phone viewport; the page is loaded, scrolled to the end the way a reader skims, and left
 * alone, with no hover, focus or tap (no intent), so only what the page fetches by itself is counted.
 *
 *   npx tsx bench/transfer.ts http://127.0.0.1:3000            # the home page and its first article
 *   npx tsx bench/transfer.ts http://127.0.0.1:3000 /articles/x # given paths
 *
 * `npm run bench` runs it against the recipe it starts. A benchmark, not a test.
 */
import { chromium } from "@playwright/test";

export type Transfer = { html: number; js: number; css: number; images: number; fonts: number; other: number; prefetch: number; prefetchRequests: number; requests: number };
export type TransferRow = { page: string; path: string } & Transfer;

const KINDS: Record<string, keyof Transfer> = { Document: "html", Script: "js", Stylesheet: "css", Image: "images", Font: "fonts" };

/** Transfer sizes of one page load in a fresh context (an empty cache, no cookies). */
export async function measureTransfer(url: string): Promise<Transfer> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, deviceScaleFactor: 2, hasTouch: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const requests = new Map<string, { kind: keyof Transfer; prefetch: boolean }>();
    const total: Transfer = { html: 0, js: 0, css: 0, images: 0, fonts: 0, other: 0, prefetch: 0, prefetchRequests: 0, requests: 0 };
    cdp.on("Network.requestWillBeSent", (e) => {
      const headers = Object.fromEntries(Object.entries(e.request.headers).map(([k, v]) => [k.toLowerCase(), v]));
      const prefetch = headers["next-router-prefetch"] !== undefined || e.request.url.includes("_rsc=") && headers["purpose"] === "prefetch";
      requests.set(e.requestId, { kind: KINDS[e.type ?? ""] ?? "other", prefetch });
    });
    cdp.on("Network.loadingFinished", (e) => {
      const r = requests.get(e.requestId);
      if (!r) return;
      total.requests++;
      if (r.prefetch) {
        total.prefetch += e.encodedDataLength;
        total.prefetchRequests++;
      } else total[r.kind] += e.encodedDataLength;
    });
    await page.goto(url, { waitUntil: "networkidle" });
    const height = await page.evaluate(() => document.body.scrollHeight);
    for (let y = 0; y < height; y += 600) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(150);
    }
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(1500);
    return total;
  } finally {
    await browser.close();
  }
}

export async function measurePages(baseUrl: string, paths?: string[]): Promise<TransferRow[]> {
  let list = paths;
  if (!list?.length) {
    const home = await (await fetch(`${baseUrl}/`)).text();
    const article = /href="(\/articles\/[a-z0-9-]+)"/.exec(home)?.[1];
    if (!article) throw new Error(`no article linked from ${baseUrl}/`);
    list = ["/", article];
  }
  const rows: TransferRow[] = [];
  for (const p of list) rows.push({ page: p === "/" ? "home" : p.startsWith("/articles/") ? "article" : p, path: p, ...(await measureTransfer(`${baseUrl}${p}`)) });
  return rows;
}

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

export function transferTable(rows: TransferRow[]): string {
  const lines = ["| page | HTML | JS | CSS | images | fonts | other | prefetch (requests) | total |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"];
  for (const r of rows) {
    const sum = r.html + r.js + r.css + r.images + r.fonts + r.other + r.prefetch;
    lines.push(`| ${r.page} (${r.path}) | ${kb(r.html)} | ${kb(r.js)} | ${kb(r.css)} | ${kb(r.images)} | ${kb(r.fonts)} | ${kb(r.other)} | ${kb(r.prefetch)} (${r.prefetchRequests}) | ${kb(sum)} |`);
  }
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [baseUrl = "http://127.0.0.1:3000", ...paths] = process.argv.slice(2);
  console.log(transferTable(await measurePages(baseUrl.replace(/\/$/, ""), paths)));
}
