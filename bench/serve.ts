/**
 * Serving measurements for bench/index.ts: load runs with wrk, nginx serving a file as the reference,
 * first requests, page weight and Lighthouse. Everything binds to 127.0.0.1 and every run is bounded.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { NGINX_BINARY, SEND_COPY_CONF, nginxString } from "@/deploy/nginx/config";

const exec = promisify(execFile);

export type LoadResult = {
  rps: number;
  p50ms: number;
  p99ms: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** The slowest tenth of the run's latencies: [percentile, ms], every 0.05 from 90 to 100 (wrk's own histogram). */
  tail: [number, number][];
};

// wrk's done() hook prints the run's latency percentiles from 90 to 100, every 0.05, from its full
// histogram (its percentile(100) answers 0: the 100th is the maximum).
const TAIL_SCRIPT = `done = function(summary, latency, requests)
  for i = 0, 199 do
    local p = 90 + i * 0.05
    io.write(string.format("TAIL %.2f %d\\n", p, latency:percentile(p)))
  end
  io.write(string.format("TAIL 100.00 %d\\n", latency.max))
end
`;
let tailScript: string | undefined;
function tailScriptFile(): string {
  if (!tailScript) {
    tailScript = path.join(os.tmpdir(), `masthead-bench-tail-${process.pid}.lua`);
    writeFileSync(tailScript, TAIL_SCRIPT);
  }
  return tailScript;
}

const toMs = (v: string): number => {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(v.trim());
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === "us" ? n / 1000 : m[2] === "ms" ? n : m[2] === "s" ? n * 1000 : n * 60_000;
};

/** wrk with latency percentiles; `seconds` bounds the run. */
export async function wrk(url: string, { connections = 50, seconds = 10, threads = 2, headers = {} as Record<string, string> } = {}): Promise<LoadResult> {
  const args = ["-t", String(threads), "-c", String(connections), "-d", `${seconds}s`, "--timeout", "5s", "--latency", "-s", tailScriptFile(), ...Object.entries(headers).flatMap(([k, v]) => ["-H", `${k}: ${v}`]), url];
  const { stdout } = await exec("wrk", args, { timeout: (seconds + 30) * 1000 });
  const pick = (re: RegExp) => re.exec(stdout)?.[1] ?? "";
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  return {
    rps: Number(pick(/Requests\/sec:\s+([\d.]+)/)),
    p50ms: toMs(pick(/^\s+50%\s+(\S+)/m)),
    p99ms: toMs(pick(/^\s+99%\s+(\S+)/m)),
    requests: Number(pick(/(\d+) requests in/)),
    errors: errors ? errors.slice(1).map(Number).reduce((a, b) => a + b, 0) : 0,
    non2xx: Number(pick(/Non-2xx or 3xx responses: (\d+)/) || 0),
    tail: [...stdout.matchAll(/^TAIL ([\d.]+) (\d+)$/gm)].map((m) => [Number(m[1]), Number(m[2]) / 1000] as [number, number]),
  };
}

/** A short warm-up, then the measured run. */
export async function measure(url: string, headers: Record<string, string> = {}, options: { connections?: number; threads?: number } = {}): Promise<LoadResult> {
  await wrk(url, { seconds: 3, headers, ...options });
  return wrk(url, { seconds: 10, headers, ...options });
}

/** The recipe; nginx answering with the recipe's response (headers and body); nginx serving the body as a file, with its own headers. */
export type Server = "recipe" | "nginx" | "nginx-file";
export type Round = { round: number; client: "identity" | "gzip"; connections: number; server: Server; slices: number; loadBefore: number; loadAfter: number; stealPercent: number } & LoadResult;

/** The machine's CPU time so far, in clock ticks: all of it, and what the hypervisor gave to other machines (steal). */
function cpuTicks(): { total: number; steal: number } {
  const fields = /^cpu\s+(.*)$/m.exec(readFileSync("/proc/stat", "utf8"))?.[1]?.trim().split(/\s+/).map(Number) ?? [];
  return { total: fields.slice(0, 8).reduce((a, b) => a + b, 0), steal: fields[7] ?? Number.NaN };
}

/**
 * The p99 of all the slices' requests together, from each slice's tail: the least latency that at least
 * 99 % of them are known to be within (each slice counts only the percentiles it printed at or under
 * that latency), so an upper bound, within 0.05 percentile of the exact figure.
 */
export function combinedP99(slices: Pick<LoadResult, "requests" | "tail">[]): number {
  const total = slices.reduce((a, r) => a + r.requests, 0);
  const within = (ms: number) => slices.reduce((a, r) => a + (r.requests * Math.max(0, ...r.tail.filter(([, v]) => v <= ms).map(([p]) => p))) / 100, 0);
  const candidates = [...new Set(slices.flatMap((r) => r.tail.map(([, v]) => v)))].sort((a, b) => a - b);
  return candidates.find((ms) => within(ms) >= 0.99 * total - 1e-9) ?? Number.NaN;
}

/** One server's slices taken as one run: their requests over their summed time, and the p99 of all their requests. */
export function combineSlices(slices: LoadResult[]): LoadResult {
  const requests = slices.reduce((a, r) => a + r.requests, 0);
  const seconds = slices.reduce((a, r) => a + r.requests / r.rps, 0);
  const p50s = slices.map((r) => r.p50ms).sort((a, b) => a - b);
  return {
    rps: requests / seconds,
    p50ms: p50s[Math.floor(p50s.length / 2)] ?? Number.NaN,
    p99ms: combinedP99(slices),
    requests,
    errors: slices.reduce((a, r) => a + r.errors, 0),
    non2xx: slices.reduce((a, r) => a + r.non2xx, 0),
    tail: [],
  };
}

export const ROUND_SLICES = { slices: 5, sliceSeconds: 2, warmupSeconds: 3 };

/**
 * The recipe against nginx serving the same bytes, in interleaved rounds: for each round, each client
 * (identity, gzip) and each connection count, every server warmed up, then `slices` rotations of short
 * runs (recipe first, then the next server first, and so on), so that all meet the same moments of a
 * shared machine: a virtual machine's steal time moves by tens of percent within seconds. One wrk
 * thread, as the target was set with (`wrk -t1`).
 */
export async function interleavedRounds(urls: { recipe: string; nginx: string; "nginx-file"?: string }, rounds = 3, connectionCounts = [50, 200], { slices, sliceSeconds, warmupSeconds } = ROUND_SLICES): Promise<Round[]> {
  const out: Round[] = [];
  const servers = Object.entries(urls) as [Server, string][];
  for (let round = 1; round <= rounds; round++) {
    for (const client of ["identity", "gzip"] as const) {
      const headers: Record<string, string> = client === "gzip" ? { "accept-encoding": "gzip" } : {};
      for (const connections of connectionCounts) {
        for (const [, url] of servers) await wrk(url, { seconds: warmupSeconds, headers, connections, threads: 1 });
        const loadBefore = os.loadavg()[0] ?? Number.NaN;
        const ticksBefore = cpuTicks();
        const runs = new Map<Server, LoadResult[]>(servers.map(([server]) => [server, []]));
        for (let i = 0; i < slices; i++) {
          const first = i % servers.length;
          for (const [server, url] of [...servers.slice(first), ...servers.slice(0, first)]) {
            runs.get(server)!.push(await wrk(url, { seconds: sliceSeconds, headers, connections, threads: 1 }));
          }
        }
        const ticksAfter = cpuTicks();
        const stealPercent = (100 * (ticksAfter.steal - ticksBefore.steal)) / (ticksAfter.total - ticksBefore.total);
        const loadAfter = os.loadavg()[0] ?? Number.NaN;
        for (const [server] of servers) out.push({ round, client, connections, server, slices, loadBefore, loadAfter, stealPercent, ...combineSlices(runs.get(server)!) });
      }
    }
  }
  return out;
}

/** Whether a recipe round meets the target against `reference`'s round beside it: ≥ 0.9× its rate, p99 ≤ 5 ms. */
export function roundMet(rounds: Round[], r: Round, reference: Server): { against: Round; ratio: number; met: boolean } | undefined {
  const against = rounds.find((x) => x.server === reference && x.round === r.round && x.client === r.client && x.connections === r.connections);
  if (!against) return undefined;
  const ratio = r.rps / against.rps;
  return { against, ratio, met: ratio >= 0.9 && r.p99ms <= 5 };
}

/**
 * Every round as a Markdown table: the recipe, nginx with the recipe's response, and (when measured)
 * nginx serving the file with its own headers, the recipe's ratio to each, and whether each meets the
 * target (in brackets at 200 connections, where it is reported, not set).
 */
export function roundsTable(rounds: Round[]): string {
  const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");
  const withFile = rounds.some((x) => x.server === "nginx-file");
  const head = ["round", "client", "conns", "recipe req/s", "recipe p99 (ms)", "nginx, same response: req/s", "p99 (ms)", "ratio", ...(withFile ? ["nginx, file: req/s", "p99 (ms)", "ratio"] : []), "load before → after", "steal", withFile ? "≥ 0.9× and p99 ≤ 5 ms (same response · file)" : "≥ 0.9× and p99 ≤ 5 ms"];
  const lines = [`| ${head.join(" | ")} |`, `|${" --- |".repeat(head.length)}`];
  for (const r of rounds.filter((x) => x.server === "recipe")) {
    const cells = [String(r.round), r.client, String(r.connections), f(r.rps), f(r.p99ms, 2)];
    const marks: string[] = [];
    for (const reference of withFile ? (["nginx", "nginx-file"] as const) : (["nginx"] as const)) {
      const m = roundMet(rounds, r, reference);
      cells.push(f(m?.against.rps ?? Number.NaN), f(m?.against.p99ms ?? Number.NaN, 2), f(m?.ratio ?? Number.NaN, 3));
      const mark = m?.met ? "✅" : "❌";
      marks.push(r.connections === 50 ? mark : m?.met ? "(✅)" : "(—)");
    }
    cells.push(`${f(r.loadBefore, 2)} → ${f(r.loadAfter, 2)}`, `${f(r.stealPercent, 1)} %`, marks.join(" · "));
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

export type Started = { child: ChildProcess; stop: () => Promise<void> };

/** Starts a command in its own process group; stop() ends the whole group (SIGTERM, then SIGKILL). */
export function startGroup(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string, stopSignal: NodeJS.Signals = "SIGTERM"): Started {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const out = openSync(logFile, "w");
  const child = spawn(command, args, { env, detached: true, stdio: ["ignore", out, out] });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // already gone
        }
      }, 15_000);
      child.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      try {
        process.kill(-child.pid!, stopSignal);
      } catch {
        resolve();
      }
    });
  return { child, stop };
}

export async function waitFor(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`the server exited (code ${child.exitCode}) before ${url} answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await res.body?.cancel();
      if (res.status < 500) return;
    } catch {
      // not yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * nginx serving files from `root` on 127.0.0.1:port: the reference for "as fast as a file". The same
 * server settings as the recipe's front (deploy/nginx/config.ts): its worker count, no TCP_CORK, open
 * files kept, and a body sent as the front sends a kept copy (deploy/nginx/send-copy.conf); only the
 * file differs from a cached copy. Each page is a file named as its path (`articles/slug`, `index.html`
 * for `/`), found on the first lookup: a `try_files $uri $uri.html` whose first try fails costs a
 * failed open() on every request (nginx does not keep failures), and made this reference up to a fifth
 * slower on small bodies.
 *
 * With `response`, it sends the recipe's response as well as its body: the recipe's Content-Type and
 * each of its other headers (security headers, Cache-Control, ETag, Vary, X-Cache) in place of the ones
 * nginx makes for a file (its ETag, Last-Modified, Vary), so the reference writes the same bytes a reader
 * of the recipe gets (nginx's own Server, Date, Connection, Content-Length and Content-Encoding as the
 * front's) and wrk parses as many. Without it, nginx's own headers for a file: about 250 bytes instead
 * of about 1,100.
 */
export async function startNginx(root: string, port: number, workdir: string, workers: string, response?: Headers): Promise<Started> {
  rmSync(workdir, { recursive: true, force: true });
  mkdirSync(path.join(workdir, "logs"), { recursive: true });
  const conf = path.join(workdir, "nginx.conf");
  writeFileSync(
    conf,
    `worker_processes ${workers};
pid ${workdir}/nginx.pid;
error_log ${workdir}/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  server_tokens off;
  tcp_nopush off;
  include ${SEND_COPY_CONF};
  keepalive_requests 10000;
  open_file_cache max=2000 inactive=30s;
  open_file_cache_valid 1s;
  types { text/html html; }
  # The gzip client gets the same gzip bytes the recipe stores (page.gz beside page).
  gzip_static on;
${response ? sameResponse(response) : "  gzip_vary on;\n  default_type text/html;"}
  client_body_temp_path ${workdir}/tmp-body;
  proxy_temp_path ${workdir}/tmp-proxy;
  fastcgi_temp_path ${workdir}/tmp-fastcgi;
  uwsgi_temp_path ${workdir}/tmp-uwsgi;
  scgi_temp_path ${workdir}/tmp-scgi;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    index index.html;
    location / { try_files $uri $uri/ =404; }
  }
}
`,
  );
  const started = startGroup(NGINX_BINARY, ["-c", conf, "-p", workdir, "-g", "daemon off;"], process.env, path.join(workdir, "logs/stdout.log"), "SIGQUIT");
  await waitFor(`http://127.0.0.1:${port}/`, 10_000, started.child).catch(async (e) => {
    await started.stop();
    throw e;
  });
  return started;
}

/** Headers nginx writes for any answer, as the front does, or that describe this copy of the body. */
const OWN_HEADERS = new Set(["server", "date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "accept-ranges", "last-modified"]);

/** nginx directives that answer with `headers` (a response of the recipe's) around a file's bytes. */
function sameResponse(headers: Headers): string {
  const lines = ["etag off;", 'add_header Last-Modified "" always;', `default_type ${nginxString(headers.get("content-type") ?? "text/html")};`];
  for (const [name, value] of headers) if (!OWN_HEADERS.has(name) && name !== "content-type") lines.push(`add_header ${name} ${nginxString(value)} always;`);
  return lines.map((l) => `  ${l}`).join("\n");
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Time to the last byte of the first request for each path (nothing cached anywhere yet). */
export async function firstRequests(base: string, paths: string[]): Promise<{ medianMs: number; maxMs: number; statuses: number[] }> {
  const times: number[] = [];
  const statuses: number[] = [];
  for (const p of paths) {
    const t = performance.now();
    const res = await fetch(`${base}${p}`, { headers: { "accept-encoding": "identity" } });
    await res.arrayBuffer();
    times.push(performance.now() - t);
    statuses.push(res.status);
  }
  return { medianMs: median(times), maxMs: Math.max(...times), statuses };
}

export type PageWeight = {
  html: { raw: number; gzip: number };
  js: { raw: number; gzip: number; files: number };
  css: { raw: number; gzip: number; files: number };
  requests: number;
  thirdParty: string[];
  jsOff: { readable: boolean; forms: number; giftForm: boolean };
  images: { total: number; sized: number; lazyBelowFold: number; belowFold: number; formats: string[] };
};

/** What an article page costs a reader: bytes by kind, requests made in Chromium, and how it reads without JS. */
export async function pageWeight(url: string): Promise<PageWeight> {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
  });
  try {
    const origin = new URL(url).origin;
    const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(url, { waitUntil: "networkidle" });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(500);
    const images = await page.evaluate(() =>
      [...document.images].map((img) => ({
        sized: img.hasAttribute("width") && img.hasAttribute("height"),
        lazy: img.loading === "lazy",
        belowFold: img.getBoundingClientRect().top + window.scrollY > window.innerHeight,
        src: img.currentSrc || img.src,
      })),
    );
    const html = Buffer.from(await (await fetch(url, { headers: { "accept-encoding": "identity" } })).arrayBuffer());
    const sizes = async (kind: "js" | "css") => {
      const urls = [...new Set(requests.filter((u) => u.startsWith(origin) && new URL(u).pathname.endsWith(`.${kind}`)))];
      let raw = 0;
      let gzip = 0;
      for (const u of urls) {
        const body = Buffer.from(await (await fetch(u, { headers: { "accept-encoding": "identity" } })).arrayBuffer());
        raw += body.length;
        gzip += gzipSync(body, { level: 6 }).length;
      }
      return { raw, gzip, files: urls.length };
    };
    const jsOffContext = await browser.newContext({ javaScriptEnabled: false });
    const off = await jsOffContext.newPage();
    await off.goto(url);
    const jsOff = await off.evaluate(() => ({
      readable: (document.querySelector("article")?.textContent?.length ?? 0) > 500,
      forms: document.querySelectorAll("form").length,
      giftForm: [...document.querySelectorAll("form")].some((f) => /amount|frequency/i.test(f.innerHTML)),
    }));
    return {
      html: { raw: html.length, gzip: gzipSync(html, { level: 6 }).length },
      js: await sizes("js"),
      css: await sizes("css"),
      requests: requests.length,
      thirdParty: [...new Set(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:")).map((u) => new URL(u).host))],
      jsOff,
      images: {
        total: images.length,
        sized: images.filter((i) => i.sized).length,
        belowFold: images.filter((i) => i.belowFold).length,
        lazyBelowFold: images.filter((i) => i.belowFold && i.lazy).length,
        formats: [...new Set(images.map((i) => path.extname(new URL(i.src).pathname).slice(1) || "?"))],
      },
    };
  } finally {
    await browser.close();
  }
}

export type LighthouseScores = { performance: number; accessibility: number; bestPractices: number; seo: number; runs: number; failedAudits: string[] };

/**
 * One Lighthouse run, tried again (twice at most) when Lighthouse itself says so: its trace recording
 * sometimes fails ("Please run Lighthouse again", NO_NAVSTART), and one such run would lose the bench.
 */
async function lighthouseRun(...args: Parameters<typeof exec>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await exec(...args);
      return;
    } catch (e) {
      const said = String((e as { stderr?: unknown }).stderr ?? "");
      if (attempt >= 3 || !said.includes("Please run Lighthouse again")) throw e;
      console.error(`[bench] Lighthouse asked to be run again (${said.trim()}); attempt ${attempt + 1} of 3`);
    }
  }
}

/** Lighthouse 12.2.3 (mobile, its default simulated throttling) in Debian's Chromium; the median of `runs`. */
export async function lighthouse(url: string, outDir: string, runs = 3): Promise<LighthouseScores> {
  mkdirSync(outDir, { recursive: true });
  const results: Record<string, number>[] = [];
  const failed = new Set<string>();
  for (let i = 0; i < runs; i++) {
    const out = path.join(outDir, `lighthouse-${i + 1}.json`);
    await lighthouseRun(
      process.execPath,
      [
        "node_modules/lighthouse/cli/index.js",
        url,
        "--output=json",
        `--output-path=${out}`,
        "--only-categories=performance,accessibility,best-practices,seo",
        "--quiet",
        `--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run`,
      ],
      { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" }, timeout: 180_000 },
    );
    const report = JSON.parse(readFileSync(out, "utf8")) as {
      categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
      audits: Record<string, { score: number | null; scoreDisplayMode: string }>;
    };
    results.push(Object.fromEntries(Object.entries(report.categories).map(([k, c]) => [k, Math.round((c.score ?? 0) * 100)])));
    for (const c of Object.values(report.categories)) {
      for (const ref of c.auditRefs) {
        const a = report.audits[ref.id];
        if (a && a.score !== null && a.score < 0.9 && ref.weight > 0 && ["binary", "numeric", "metricSavings"].includes(a.scoreDisplayMode)) failed.add(ref.id);
      }
    }
  }
  const m = (k: string) => median(results.map((r) => r[k] ?? 0));
  return { performance: m("performance"), accessibility: m("accessibility"), bestPractices: m("best-practices"), seo: m("seo"), runs, failedAudits: [...failed] };
}
