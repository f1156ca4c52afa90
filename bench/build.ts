/**
 * Build time and peak memory of `next build` with the sample content plus N generated articles.
 * Usage: npx tsx bench/build.ts [N ...]   (default: 0 5000)
 * Uses a fresh database on BENCH_DATABASE_URL / TEST_DATABASE_URL when set, else on an embedded PostgreSQL server.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createScratchDatabase } from "@/db/testing/scratch-database";
import { databaseServerForRun } from "../scripts/database-server";

export function treeRss(root: number): { total: number; largest: number } {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ppid = Number(fields[1]);
      rss.set(Number(name), Number(fields[21]) * 4096);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  let largest = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    const r = rss.get(pid) ?? 0;
    total += r;
    largest = Math.max(largest, r);
    stack.push(...(children.get(pid) ?? []));
  }
  return { total, largest };
}

/** Runs a command to its end, sampling the peak RSS of its whole process tree every 100 ms. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv, quiet = true) {
  return new Promise<{ code: number; seconds: number; peakTotal: number; peakLargest: number }>((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: quiet ? "ignore" : "inherit" });
    let peakTotal = 0;
    let peakLargest = 0;
    const timer = setInterval(() => {
      const { total, largest } = treeRss(child.pid!);
      peakTotal = Math.max(peakTotal, total);
      peakLargest = Math.max(peakLargest, largest);
    }, 100);
    child.on("exit", (code) => {
      clearInterval(timer);
      resolve({ code: code ?? 1, seconds: (performance.now() - started) / 1000, peakTotal, peakLargest });
    });
  });
}

const tsx = (script: string, args: string[] = []) => [path.resolve("node_modules/tsx/dist/cli.mjs"), script, ...args];

// Also imported by bench/index.ts for its helpers: the measurements below run only as a script.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
const counts = process.argv.slice(2).map(Number);
if (counts.length === 0) counts.push(0, 5000);
const rows: string[][] = [];
rmSync(path.resolve(".data/bench-build"), { recursive: true, force: true });
const server = await databaseServerForRun(".data/bench-build/postgres");

for (const extra of counts) {
  const scratch = await createScratchDatabase(server.adminUrl, `masthead_bench_${extra}`);
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: scratch.url };
  const seeded = await run(process.execPath, tsx("scripts/seed.ts"), env);
  if (seeded.code !== 0) throw new Error("seeding failed");
  if (extra > 0) {
    const generated = await run(process.execPath, tsx("bench/generate-articles.ts", [String(extra)]), env);
    if (generated.code !== 0) throw new Error("generating articles failed");
  }
  rmSync(".next", { recursive: true, force: true });
  const build = await run(process.execPath, ["node_modules/next/dist/bin/next", "build"], env);
  if (build.code !== 0) throw new Error(`next build failed with ${extra} extra articles`);
  rows.push([
    String(47 + extra),
    build.seconds.toFixed(1),
    (build.peakLargest / 2 ** 20).toFixed(0),
    (build.peakTotal / 2 ** 20).toFixed(0),
    server.label,
  ]);
  await scratch.drop();
}
await server.stop();

console.log("\n| articles in DB | next build (s) | peak RSS, largest process (MB) | peak RSS, whole tree (MB) | database |");
console.log("| --- | --- | --- | --- | --- |");
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
}
