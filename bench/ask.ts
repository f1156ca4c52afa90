/**
 * The ask's cost to readers, per ask state: layout shift in Chromium (320 × 640 with 4× CPU slowdown,
 * and a 1366 × 768 desktop), the HTML each variant weighs, and, behind the production recipe, the
 * cache's hit rate for a mixed population of readers.
 *
 *   npm run bench:ask -- http://127.0.0.1:3000            # any running site (`npm start`, an old build)
 *   npm run bench:ask -- http://127.0.0.1:3320 --recipe   # also the hit rate (Varnish's X-Cache)
 *
 * `npm run bench` runs it against the recipe it starts. Prints Markdown tables; a benchmark, not a test.
 */
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";

const DAY = 86_400_000;

export type AskState = { name: string; cookies: Record<string, number> };
export const ASK_STATES: AskState[] = [
  { name: "new reader", cookies: {} },
  { name: "banner closed", cookies: { mh_banner_closed: 7 } },
  { name: "snoozed (week)", cookies: { mh_ask_snooze: 7 } },
  { name: "snoozed (month)", cookies: { mh_ask_snooze: 30 } },
  { name: "recently gave", cookies: { mh_gave: 90 } },
  { name: "dialog seen", cookies: { mh_dialog_seen: 7, mh_reads: 9 } },
];

const cookieHeader = (state: AskState, now = Date.now()) =>
  Object.entries(state.cookies)
    .map(([name, days]) => `${name}=${name === "mh_reads" ? days : now + days * DAY}`)
    .join("; ");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function firstArticle(baseUrl: string): Promise<string> {
  const home = await (await fetch(`${baseUrl}/`)).text();
  return /href="(\/articles\/[a-z0-9-]+)"/.exec(home)![1]!;
}

export type AskMeasurements = {
  article: string;
  cls: { state: string; phone: number; desktop: number }[];
  bytes: { state: string; page: string; html: number; gzip: number }[];
  hitRate?: { requests: number; hits: number; misses: number; passes: number; rate: number; byState: Record<string, string> };
};

type Browser = Awaited<ReturnType<typeof chromium.launch>>;

/**
 * Cumulative layout shift of one load, as Chromium reports it (shifts without recent input), in a
 * fresh context (no cache, no cookies but the state's) of a browser shared by all loads.
 */
async function layoutShift(browser: Browser, baseUrl: string, path: string, state: AskState, viewport: { width: number; height: number }, cpuSlowdown: number): Promise<number> {
  const context = await browser.newContext({ viewport, isMobile: viewport.width < 600, deviceScaleFactor: viewport.width < 600 ? 2 : 1 });
  try {
    const now = Date.now();
    await context.addCookies(
      Object.entries(state.cookies).map(([name, days]) => ({ name, value: name === "mh_reads" ? String(days) : String(now + days * DAY), url: baseUrl, expires: Math.round((now + days * DAY) / 1000) })),
    );
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuSlowdown });
    await page.addInitScript(() => {
      const w = window as unknown as { cls: number };
      w.cls = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!entry.hadRecentInput) w.cls += entry.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto(`${baseUrl}${path}`, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    // Whatever the page's scripts do after load (hiding an ask, loading the banner's progress) lands in here.
    await page.waitForTimeout(1500);
    return await page.evaluate(() => (window as unknown as { cls: number }).cls);
  } finally {
    await context.close();
  }
}

async function hitRate(baseUrl: string, articles: string[]): Promise<NonNullable<AskMeasurements["hitRate"]>> {
  // A mixed population: most readers are new, then closed banners, snoozes, recent givers.
  const mix: [AskState, number][] = [
    [ASK_STATES[0]!, 50],
    [ASK_STATES[1]!, 20],
    [ASK_STATES[2]!, 10],
    [ASK_STATES[3]!, 5],
    [ASK_STATES[4]!, 10],
    [ASK_STATES[5]!, 5],
  ];
  const weighted = mix.flatMap(([s, w]) => Array.from({ length: w }, () => s));
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const counts = { HIT: 0, MISS: 0, PASS: 0 } as Record<string, number>;
  const byState: Record<string, { hits: number; total: number }> = {};
  const requests = 2000;
  for (let i = 0; i < requests; i++) {
    const state = weighted[Math.floor(random() * weighted.length)]!;
    const path = articles[Math.floor(random() * articles.length)]!;
    const cookie = cookieHeader(state);
    const res = await fetch(`${baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
    await res.arrayBuffer();
    const x = res.headers.get("x-cache") ?? "none";
    counts[x] = (counts[x] ?? 0) + 1;
    const s = (byState[state.name] ??= { hits: 0, total: 0 });
    s.total++;
    if (x === "HIT") s.hits++;
  }
  return {
    requests,
    hits: counts.HIT ?? 0,
    misses: counts.MISS ?? 0,
    passes: counts.PASS ?? 0,
    rate: (counts.HIT ?? 0) / requests,
    byState: Object.fromEntries(Object.entries(byState).map(([k, v]) => [k, `${v.hits}/${v.total}`])),
  };
}

export async function measureAsk(baseUrl: string, { recipe = false, runs = 3 } = {}): Promise<AskMeasurements> {
  const article = await firstArticle(baseUrl);
  const result: AskMeasurements = { article, cls: [], bytes: [] };
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    for (const state of ASK_STATES) {
      for (const page of ["/", article]) {
        const cookie = cookieHeader(state);
        const html = Buffer.from(await (await fetch(`${baseUrl}${page}`, { headers: { "accept-encoding": "identity", ...(cookie ? { cookie } : {}) } })).arrayBuffer());
        result.bytes.push({ state: state.name, page, html: html.length, gzip: gzipSync(html).length });
      }
      const phone: number[] = [];
      const desktop: number[] = [];
      for (let i = 0; i < runs; i++) {
        phone.push(await layoutShift(browser, baseUrl, article, state, { width: 320, height: 640 }, 4));
        desktop.push(await layoutShift(browser, baseUrl, article, state, { width: 1366, height: 768 }, 1));
      }
      result.cls.push({ state: state.name, phone: median(phone), desktop: median(desktop) });
    }
  } finally {
    await browser.close();
  }
  if (recipe) {
    const home = await (await fetch(`${baseUrl}/`)).text();
    const articles = [...new Set([...home.matchAll(/href="(\/articles\/[a-z0-9-]+)"/g)].map((m) => m[1]!))].slice(0, 20);
    result.hitRate = await hitRate(baseUrl, articles);
  }
  return result;
}

export function printAsk(m: AskMeasurements): void {
  console.log(`\nLayout shift on ${m.article} (median of 3 loads; phone: 320 × 640, 4× CPU slowdown)\n`);
  console.log("| ask state | CLS phone | CLS desktop |\n| --- | --- | --- |");
  for (const r of m.cls) console.log(`| ${r.state} | ${r.phone.toFixed(3)} | ${r.desktop.toFixed(3)} |`);
  console.log("\nHTML per ask state (bytes as served, and gzipped)\n");
  console.log("| ask state | page | HTML | gzip |\n| --- | --- | --- | --- |");
  for (const r of m.bytes) console.log(`| ${r.state} | ${r.page === "/" ? "home" : "article"} | ${r.html} | ${r.gzip} |`);
  if (m.hitRate) {
    const h = m.hitRate;
    console.log(`\nMixed population through the cache: ${h.requests} requests over 20 articles, cold start included`);
    console.log(`hits ${h.hits}, misses ${h.misses}, passes ${h.passes}: hit rate ${(h.rate * 100).toFixed(1)}%`);
    console.log(`by state (hits/requests): ${Object.entries(h.byState).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.argv.slice(2).find((a) => a.startsWith("http")) ?? "http://127.0.0.1:3000";
  const m = await measureAsk(url.replace(/\/$/, ""), { recipe: process.argv.includes("--recipe") });
  printAsk(m);
}
