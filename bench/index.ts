/**
 * `npm run bench`: the serving benchmark. Builds, seeds, starts what it needs, measures, stops
 * everything it started, prints Markdown tables beside the targets and writes them as JSON to
 * bench-results/. Several minutes; not part of CI.
 *
 *   1. 100 articles: `next build` (time, peak memory), then plain `next start`: first requests of
 *      not-yet-rendered articles, and 50 connections × 10 s on a cached article and the home page.
 *   2. The production recipe (npm run start:prod: nginx → Varnish → 2 standalone instances → Redis), same
 *      measurements, then the article's weight, JS off, images, what a phone downloads for the home
 *      and article pages (bench/transfer.ts: HTML, JS, CSS, images, prefetch apart), and Lighthouse mobile.
 *   3. nginx serving the identical bytes from files (identity and gzip), measured back to back with
 *      the recipe, then three interleaved rounds of the recipe, nginx answering with the recipe's whole
 *      response (its headers too: the reference the target is set against) and nginx serving the file
 *      with its own headers, for identity and gzip clients at 50 and 200 connections, each row printed
 *      with the load average before and after it.
 *   4. 10,000 articles: `next build` again.
 *   5. bench/webhook.ts, when BENCH_DATABASE_URL / TEST_DATABASE_URL names a PostgreSQL server.
 *
 * `npm run bench -- --quick`: the serving part only (one build with 100 articles, no 10,000-article
 * build, no Lighthouse, no webhooks), to re-measure load when the machine is quiet.
 *
 * Database: a fresh one on BENCH_DATABASE_URL / TEST_DATABASE_URL when set, else embedded PGlite.
 * Needs wrk, varnish, nginx and its brotli filter (Debian: apt-get install -y wrk varnish nginx-light
 * libnginx-mod-http-brotli-filter), Redis on
 * BENCH_REDIS_URL (default redis://127.0.0.1:6379) and Debian's chromium. Ports: BENCH_PORT (default
 * 3320) for the recipe and the two instances after it, +10 plain next start, +15 nginx.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { createScratchDatabase } from "@/db/testing/scratch-database";
import { databaseServerForRun } from "../scripts/database-server";
import { run as runMeasured } from "./build";
import { measureAsk, printAsk } from "./ask";
import { measurePages, transferTable, type TransferRow } from "./transfer";
import { dropRedisKeys, testSitePorts } from "../e2e/test-site";
import { missingFrontPackages } from "@/deploy/nginx/config";
import { env } from "@/lib/env";
import { firstRequests, interleavedRounds, lighthouse, measure, pageWeight, roundMet, roundsTable, ROUND_SLICES, startGroup, startNginx, waitFor, type LoadResult, type Round, type Server, type Started } from "./serve";

const exec = promisify(execFile);
const quick = process.argv.includes("--quick");
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const base = Number(process.env.BENCH_PORT ?? 3320);
const ports = { recipe: base, next: base + 10, nginx: base + 15, nginxFile: base + 16 };
const redisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const work = path.resolve(".data/bench");
const outDir = path.resolve("bench-results");
const tsx = (script: string, args: string[] = []) => [path.resolve("node_modules/tsx/dist/cli.mjs"), script, ...args];
const nextBin = path.resolve("node_modules/next/dist/bin/next");
const started: Started[] = [];
const log = (line: string) => console.log(`[bench] ${line}`);

const missingPackages = [
  ...((await exec("sh", ["-c", "command -v wrk"]).then(() => true, () => false)) ? [] : ["wrk"]),
  ...(existsSync("/usr/sbin/varnishd") ? [] : ["varnish"]),
  ...missingFrontPackages(),
];
if (missingPackages.length > 0) {
  console.error(`missing: apt-get install -y ${missingPackages.join(" ")}`);
  process.exit(2);
}

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
mkdirSync(outDir, { recursive: true });

// One database for the whole run.
const dbServer = await databaseServerForRun(path.join(work, "postgres"));
const scratch = await createScratchDatabase(dbServer.adminUrl, "masthead_bench_serve");
const dbEnv: Record<string, string> = { DATABASE_URL: scratch.url };
const dropDatabase = async () => {
  await scratch.drop();
  await dbServer.stop();
};
const baseEnv: NodeJS.ProcessEnv = {
  ...process.env,
  ...dbEnv,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  PRERENDER_ARTICLES: "60",
  REVALIDATE_SECRET: "bench-revalidate-secret-0123456789",
  STRIPE_SECRET_KEY: "",
  STRIPE_WEBHOOK_SECRET: "whsec_bench_masthead_0123456789",
  NEXT_OUTPUT: "",
  REDIS_URL: "",
};

async function step<T>(what: string, fn: () => Promise<T>): Promise<T> {
  log(`${what}…`);
  const t = performance.now();
  const result = await fn();
  log(`${what}: done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return result;
}

async function articlesInDb(total: number): Promise<void> {
  const seeded = await runMeasured(process.execPath, tsx("scripts/seed.ts"), baseEnv);
  if (seeded.code !== 0) throw new Error("seeding failed");
  // Generated articles are upserted by slug, so growing the database re-runs the same numbering.
  const generated = await runMeasured(process.execPath, tsx("bench/generate-articles.ts", [String(total - 47)]), baseEnv);
  if (generated.code !== 0) throw new Error("generating articles failed");
  // As a production database would be after a bulk import: statistics up to date, no vacuum pending.
  if (dbEnv.DATABASE_URL) {
    const sql = postgres(dbEnv.DATABASE_URL, { max: 1, onnotice: () => {} });
    await sql.unsafe("vacuum analyze");
    await sql.end();
  }
}

/** A clean `next build` (no .next, so no compiler cache), twice: the faster run, as other work on the machine only ever slows one down. */
async function timedBuild(): Promise<{ seconds: number; peakLargestMb: number; peakTreeMb: number; runs: number[] }> {
  const runs: { seconds: number; peakLargest: number; peakTotal: number }[] = [];
  for (let i = 0; i < (quick ? 1 : 2); i++) {
    rmSync(".next", { recursive: true, force: true });
    const b = await runMeasured(process.execPath, [nextBin, "build"], baseEnv);
    if (b.code !== 0) throw new Error("next build failed");
    runs.push(b);
  }
  const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return {
    seconds: best.seconds,
    peakLargestMb: Math.max(...runs.map((r) => r.peakLargest)) / 2 ** 20,
    peakTreeMb: Math.max(...runs.map((r) => r.peakTotal)) / 2 ** 20,
    runs: runs.map((r) => Number(r.seconds.toFixed(1))),
  };
}

/** The gzip bytes the recipe serves a gzip client (as stored, so nginx can serve the same ones). */
async function captureGzip(url: string): Promise<Buffer> {
  const { request } = await import("node:http");
  return new Promise((resolve, reject) => {
    request(url, { headers: { "accept-encoding": "gzip" } }, (res) => {
      if (res.statusCode !== 200 || res.headers["content-encoding"] !== "gzip") return reject(new Error(`${url}: no gzip answer (HTTP ${res.statusCode})`));
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve(Buffer.concat(chunks))).on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

async function capture(url: string): Promise<string> {
  const res = await fetch(url, { headers: { "accept-encoding": "identity" } });
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

const os = await import("node:os");
const redisPrefix = `masthead:bench:${Date.now().toString(36)}:`;

const results: Record<string, unknown> = { startedAt: new Date().toISOString(), database: dbServer.label, machine: { cores: os.cpus().length, loadAverageAtStart: os.loadavg()[0] } };
const load: Record<string, Record<string, LoadResult>> = { recipe: {}, nextStart: {}, nginx: {} };
let articleSlug = "";

try {
  // 1. 100 articles: build, plain next start.
  await step("seeding 100 articles", () => articlesInDb(100));
  const build100 = await step("next build with 100 articles", timedBuild);
  const bundleStats = JSON.parse(readFileSync(".next/diagnostics/route-bundle-stats.json", "utf8")) as { route: string; firstLoadUncompressedJsBytes: number }[];
  const jsOf = (route: string) => bundleStats.find((r) => r.route === route)?.firstLoadUncompressedJsBytes ?? Number.NaN;
  results.bundle = { articleRouteJs: jsOf("/[ask]/articles/[slug]"), frameworkFloorJs: jsOf("/_not-found"), appClientJs: jsOf("/[ask]/articles/[slug]") - jsOf("/_not-found") };

  const plain = startGroup(process.execPath, [nextBin, "start", "-p", String(ports.next), "-H", "127.0.0.1"], baseEnv, path.join(work, "next-start.log"));
  started.push(plain);
  const nextUrl = `http://127.0.0.1:${ports.next}`;
  await waitFor(`${nextUrl}/robots.txt`, 60_000, plain.child);
  const home = await capture(`${nextUrl}/`);
  articleSlug = /href="\/articles\/([a-z0-9-]+)"/.exec(home)![1]!;
  const articlePath = `/articles/${articleSlug}`;
  // A warm server (the article route loaded once), as a reader would find it.
  await capture(`${nextUrl}${articlePath}`);
  results.firstRequestNextStart = await step("first requests, next start", () => firstRequests(nextUrl, Array.from({ length: 20 }, (_, i) => `/articles/generated-${i + 1}`)));
  await capture(`${nextUrl}${articlePath}`);
  load.nextStart!.article = await step("load: next start, article", () => measure(`${nextUrl}${articlePath}`));
  load.nextStart!.home = await step("load: next start, home", () => measure(`${nextUrl}/`));
  await plain.stop();

  // 2. The production recipe, on the same database.
  const recipeUrl = `http://127.0.0.1:${ports.recipe}`;
  const recipeEnv: NodeJS.ProcessEnv = {
    ...baseEnv,
    PORT: String(ports.recipe),
    HOST: "127.0.0.1",
    SITE_URL: recipeUrl,
    APP_INSTANCES: "2",
    REDIS_URL: redisUrl,
    REDIS_CACHE_PREFIX: redisPrefix,
    SERVING_WORKDIR: path.join(work, "serving"),
    STRIPE_EMULATOR_PORT: String(testSitePorts(ports.recipe).emulator),
    EMBEDDED_DB_PORT: String(testSitePorts(ports.recipe).database),
    MAIL_CATCHER_SMTP_PORT: String(testSitePorts(ports.recipe).smtp),
    MAIL_CATCHER_WEB_PORT: String(testSitePorts(ports.recipe).inbox),
  };
  const recipeStart = performance.now();
  const recipe = startGroup(process.execPath, tsx("scripts/start-prod.ts"), recipeEnv, path.join(work, "start-prod.log"));
  started.push(recipe);
  await step("starting the production recipe (standalone build included)", () => waitFor(`${recipeUrl}/robots.txt`, 600_000, recipe.child));
  results.recipeStartSeconds = (performance.now() - recipeStart) / 1000;
  for (const port of [ports.recipe + 1, ports.recipe + 2]) await capture(`http://127.0.0.1:${port}${articlePath}`);
  results.firstRequestRecipe = await step("first requests, recipe", () => firstRequests(recipeUrl, Array.from({ length: 20 }, (_, i) => `/articles/generated-${i + 21}`)));
  if (!quick) results.ask = await step("ask variants: layout shift, HTML, hit rate for a mixed population", () => measureAsk(recipeUrl, { recipe: true }));
  const nginxRoot = path.join(work, "nginx-root");
  mkdirSync(path.join(nginxRoot, "articles"), { recursive: true });
  await capture(`${recipeUrl}${articlePath}`);
  writeFileSync(path.join(nginxRoot, articlePath), await capture(`${recipeUrl}${articlePath}`));
  writeFileSync(path.join(nginxRoot, `${articlePath}.gz`), await captureGzip(`${recipeUrl}${articlePath}`));
  await capture(`${recipeUrl}/`);
  writeFileSync(path.join(nginxRoot, "index.html"), await capture(`${recipeUrl}/`));
  // nginx starts now and idles while the recipe is measured: each page is measured back to back on
  // both, under the same conditions of the machine.
  // The reference the target is set against answers with the recipe's response as it reaches a reader
  // (X-Cache included); the one that serves the file with nginx's own headers is measured beside it.
  const recipeResponse = await fetch(`${recipeUrl}${articlePath}`, { headers: { "accept-encoding": "identity" } });
  await recipeResponse.body?.cancel();
  const nginxFile = await startNginx(nginxRoot, ports.nginxFile, path.join(work, "nginx-file"), env.FRONT_WORKERS);
  started.push(nginxFile);
  const nginx = await startNginx(nginxRoot, ports.nginx, path.join(work, "nginx"), env.FRONT_WORKERS, recipeResponse.headers);
  started.push(nginx);
  const nginxUrl = `http://127.0.0.1:${ports.nginx}`;
  const nginxFileUrl = `http://127.0.0.1:${ports.nginxFile}`;
  for (const [page, p] of [["article", articlePath], ["home", "/"]] as const) {
    load.recipe![page] = await step(`load: recipe, ${page}`, () => measure(`${recipeUrl}${p}`));
    load.nginx![page] = await step(`load: nginx file, ${page}`, () => measure(`${nginxFileUrl}${p}`));
  }
  results.rounds = await step("interleaved rounds: the recipe, nginx with the recipe's response, nginx serving the file; identity and gzip, 50 and 200 connections", () =>
    interleavedRounds({ recipe: `${recipeUrl}${articlePath}`, nginx: `${nginxUrl}${articlePath}`, "nginx-file": `${nginxFileUrl}${articlePath}` }),
  );
  // Printed now as well: the longest measurement is not lost to a later step's failure.
  log(`interleaved rounds:\n${roundsTable(results.rounds as Round[])}`);
  await nginx.stop();
  await nginxFile.stop();
  load.recipe!.articleGzip = await step("load: recipe, article, gzip", () => measure(`${recipeUrl}${articlePath}`, { "accept-encoding": "gzip" }));
  load.recipe!.articleBrotli = await step("load: recipe, article, brotli", () => measure(`${recipeUrl}${articlePath}`, { "accept-encoding": "gzip, deflate, br, zstd" }));
  results.pageWeight = await step("article page weight in Chromium", () => pageWeight(`${recipeUrl}${articlePath}`));
  results.transfer = await step("transfer sizes in Chromium: home and article, prefetch apart", () => measurePages(recipeUrl, ["/", articlePath]));
  if (!quick) results.lighthouse = await step("Lighthouse (mobile) on the article", () => lighthouse(`${recipeUrl}${articlePath}`, path.join(outDir, `lighthouse-${stamp}`)));
  await recipe.stop();

  // 4. 10,000 articles.
  if (!quick) {
    await step("growing the database to 10,000 articles", () => articlesInDb(10_000));
    const build10k = await step("next build with 10,000 articles", timedBuild);
    results.build = { articles100: build100, articles10000: build10k, ratio: build10k.seconds / build100.seconds };
  } else {
    results.build = { articles100: build100 };
  }

  // 5. The webhook benchmark (another engineer's).
  if (!quick) {
    const { stdout } = await step("bench/webhook.ts", () => exec(process.execPath, tsx("bench/webhook.ts"), { env: { ...process.env }, timeout: 600_000 }));
    results.webhook = stdout.trim();
    const email = await step("bench/email.ts", () => exec(process.execPath, tsx("bench/email.ts"), { env: { ...process.env }, timeout: 600_000 }));
    results.email = email.stdout.trim();
  }
} finally {
  for (const s of started.reverse()) await s.stop().catch(() => {});
  await dropDatabase().catch(() => {});
  await dropRedisKeys(redisUrl, redisPrefix).catch(() => {});
}
results.load = load;
results.article = articleSlug;

// Tables.
const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const mark = (ok: boolean) => (ok ? "✅" : "❌");
const lines: string[] = [];
const rA = load.recipe!.article!;
const nA = load.nginx!.article!;
const lines2 = (label: string, r: LoadResult | undefined, ref: LoadResult | undefined) =>
  r ? `| ${label} | ${f(r.rps)} | ${f(r.p50ms, 2)} | ${f(r.p99ms, 2)} | ${ref ? f(r.rps / ref.rps, 2) : ""} | ${r.errors + r.non2xx} |` : "";
lines.push(`## Serving (50 connections, 10 s, wrk, loopback; ${results.database}; load average ${f(os.loadavg()[0] ?? Number.NaN, 1)} at the end, ${f((results.machine as { loadAverageAtStart: number }).loadAverageAtStart, 1)} at the start, on ${os.cpus().length} cores)`, "");
lines.push("| page · server | req/s | p50 (ms) | p99 (ms) | × nginx | errors |", "| --- | --- | --- | --- | --- | --- |");
for (const page of ["article", "home"] as const) {
  lines.push(lines2(`${page} · (1) recipe: nginx → Varnish → 2 × Next (Redis)`, load.recipe![page], load.nginx![page]));
  lines.push(lines2(`${page} · (2) plain next start`, load.nextStart![page], load.nginx![page]));
  lines.push(lines2(`${page} · (3) nginx, the same body from a file, nginx's own headers`, load.nginx![page], load.nginx![page]));
}
lines.push(lines2("article · (1) recipe, gzip", load.recipe!.articleGzip, undefined));
lines.push(lines2("article · (1) recipe, brotli (Chromium's Accept-Encoding)", load.recipe!.articleBrotli, undefined));
const rounds = results.rounds as Round[];
lines.push("", `## The recipe against nginx, interleaved rounds (the article; wrk -t1; each row: ${ROUND_SLICES.warmupSeconds} s of warm-up each, then ${ROUND_SLICES.slices} rotations of ${ROUND_SLICES.sliceSeconds} s runs, one on each server; req/s and p99 over all of a server’s slices’ requests; “same response”: nginx answering with the recipe’s headers as well as its bytes, as a reader gets them; “file”: nginx’s own, shorter headers; steal: the CPU time the hypervisor gave to other machines during the row)`, "", roundsTable(rounds));
const target = rounds.filter((r) => r.server === "recipe" && r.connections === 50);
const allMet = (reference: Server) => target.every((r) => roundMet(rounds, r, reference)?.met === true);
const fr = results.firstRequestRecipe as { medianMs: number; maxMs: number; statuses: number[] };
const frn = results.firstRequestNextStart as { medianMs: number; maxMs: number };
type BuildRow = { seconds: number; peakLargestMb: number; peakTreeMb: number; runs: number[] };
const build = results.build as { articles100: BuildRow; articles10000?: BuildRow; ratio?: number };
const w = results.pageWeight as import("./serve").PageWeight;
const lh = results.lighthouse as import("./serve").LighthouseScores | undefined;
const bundle = results.bundle as { articleRouteJs: number; frameworkFloorJs: number; appClientJs: number };
lines.push("", `## Builds (${quick ? "one clean build" : "clean, the faster of two"})`, "", "| articles in DB | next build (s) | peak RSS, largest process (MB) | peak RSS, whole tree (MB) |", "| --- | --- | --- | --- |");
lines.push(`| 100 | ${f(build.articles100.seconds, 1)} (runs: ${build.articles100.runs.join(", ")}) | ${f(build.articles100.peakLargestMb)} | ${f(build.articles100.peakTreeMb)} |`);
if (build.articles10000) lines.push(`| 10,000 | ${f(build.articles10000.seconds, 1)} (runs: ${build.articles10000.runs.join(", ")}) | ${f(build.articles10000.peakLargestMb)} | ${f(build.articles10000.peakTreeMb)} |`);
lines.push("", "## First request of a not-yet-rendered article (20 articles)", "", "| server | median (ms) | max (ms) |", "| --- | --- | --- |");
lines.push(`| recipe (front and Varnish miss → Next render) | ${f(fr.medianMs, 1)} | ${f(fr.maxMs, 1)} |`, `| plain next start | ${f(frn.medianMs, 1)} | ${f(frn.maxMs, 1)} |`);
lines.push("", `## The article page (/articles/${articleSlug}, through the recipe)`, "", "| what | raw | gzip |", "| --- | --- | --- |");
lines.push(`| HTML | ${kb(w.html.raw)} | ${kb(w.html.gzip)} |`, `| JS (${w.js.files} files) | ${kb(w.js.raw)} | ${kb(w.js.gzip)} |`, `| CSS (${w.css.files} files) | ${kb(w.css.raw)} | ${kb(w.css.gzip)} |`);
lines.push(`| requests the page makes (Chromium, 412 px) | ${w.requests} | third-party: ${w.thirdParty.length ? w.thirdParty.join(", ") : "none"} |`);
lines.push(`| JS of the article route / framework floor (/_not-found) / app client code on top | ${kb(bundle.articleRouteJs)} / ${kb(bundle.frameworkFloorJs)} / ${kb(bundle.appClientJs)} | uncompressed |`);
lines.push(`| JavaScript off | readable: ${w.jsOff.readable ? "yes" : "NO"}; forms: ${w.jsOff.forms}; gift form: ${w.jsOff.giftForm ? "yes" : "no (not on this page)"} | |`);
lines.push(`| images | ${w.images.total} (${w.images.sized} sized; ${w.images.lazyBelowFold}/${w.images.belowFold} below the fold lazy) | formats: ${w.images.formats.join(", ")} |`);
lines.push("", "## What a phone downloads (Chromium, 412 px, compressed bytes on the wire; prefetch = pages fetched before any intent)", "", transferTable(results.transfer as TransferRow[]));
if (lh) {
  lines.push("", `## Lighthouse 12.2.3 mobile, article page (median of ${lh.runs})`, "", "| performance | accessibility | best practices | SEO |", "| --- | --- | --- | --- |");
  lines.push(`| ${lh.performance} | ${lh.accessibility} | ${lh.bestPractices} | ${lh.seo} |`);
  if (lh.failedAudits.length) lines.push("", `Audits below 0.9: ${lh.failedAudits.join(", ")}`);
}
const ratioRps = rA.rps / nA.rps;
lines.push("", "## Targets", "", "| target | measured | met |", "| --- | --- | --- |");
lines.push(`| recipe article req/s ≥ 0.9 × nginx | ${f(ratioRps, 2)} × | ${mark(ratioRps >= 0.9)} |`);
lines.push(`| every interleaved round, identity and gzip at 50 connections: ≥ 0.9 × nginx answering with the recipe's response, and p99 ≤ 5 ms | ${target.length} runs | ${mark(allMet("nginx"))} |`);
lines.push(`| (beside it) the same, against nginx serving the file with its own, shorter headers | ${target.length} runs | ${mark(allMet("nginx-file"))} |`);
lines.push(`| recipe article p99 ≤ 5 ms | ${f(rA.p99ms, 2)} ms | ${mark(rA.p99ms <= 5)} |`);
if (build.ratio !== undefined) lines.push(`| build with 10,000 ≤ 1.3 × build with 100 | ${f(build.ratio, 2)} × | ${mark(build.ratio <= 1.3)} |`);
lines.push(`| first request of a not-yet-rendered article, median ≤ 100 ms | ${f(fr.medianMs, 1)} ms | ${mark(fr.medianMs <= 100)} |`);
lines.push(`| no third-party requests | ${w.thirdParty.length} | ${mark(w.thirdParty.length === 0)} |`);
lines.push(`| readable with JavaScript off | ${w.jsOff.readable ? "yes" : "no"} | ${mark(w.jsOff.readable)} |`);
if (lh) lines.push(`| Lighthouse ≥ 95 / 100 / 100 / 100 | ${lh.performance} / ${lh.accessibility} / ${lh.bestPractices} / ${lh.seo} | ${mark(lh.performance >= 95 && lh.accessibility === 100 && lh.bestPractices === 100 && lh.seo === 100)} |`);
if (results.webhook) lines.push("", "## Webhooks (bench/webhook.ts)", "", String(results.webhook));
if (results.email) lines.push("", "## Supporter e-mail (bench/email.ts)", "", String(results.email));

const markdown = lines.filter((l) => l !== "").length ? lines.join("\n") : "";
console.log(`\n${markdown}\n`);
if (results.ask) printAsk(results.ask as import("./ask").AskMeasurements);
const file = path.join(outDir, `bench-${stamp}.json`);
writeFileSync(file, JSON.stringify({ ...results, markdown }, null, 2));
writeFileSync(path.join(outDir, quick ? "latest-quick.md" : "latest.md"), `${markdown}\n`);
log(`results written to ${path.relative(process.cwd(), file)} and bench-results/latest${quick ? "-quick" : ""}.md`);
process.exit(0);
