/**
 * The staff pages under load of data: 100,000 gifts (by default) on a real PostgreSQL server,
 * measured over HTTP against a production build (`npm run bench:admin -- [gifts=100000] [runs=7]`).
 * Makes a fresh database on BENCH_DATABASE_URL or TEST_DATABASE_URL (else on an embedded PostgreSQL
 * server of its own), starts the site on
 * BENCH_PORT (3250), signs in with a real session cookie, and prints a Markdown table of medians.
 */
import { SAMPLE_CONTENT_DIR } from "@/db/seed/sample-content";
import { createScratchDatabase } from "@/db/testing/scratch-database";
import { databaseServerForRun } from "../scripts/database-server";
import { startTestSite, type TestSite } from "../e2e/test-site";

const giftCount = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 7);
const port = Number(process.env.BENCH_PORT ?? 3250);
const dbServer = await databaseServerForRun(".data/bench-admin/postgres");
const scratch = await createScratchDatabase(dbServer.adminUrl, "masthead_bench_admin");
const base = `http://127.0.0.1:${port}`;
// The benchmark writes the data and mints the session itself, with the site's own settings.
const serverEnv: Record<string, string> = { DATABASE_URL: scratch.url, SITE_URL: base, STAFF_SESSION_SECRET: "bench-staff-session-secret-0123456789abcdef" };
Object.assign(process.env, serverEnv);

const { getDatabase, closeDatabase } = await import("@/db/client");
const { migrateDatabase } = await import("@/db/migrate");
const { generateGifts } = await import("@/db/seed/generate-gifts");
const { importContent } = await import("@/lib/content/import");
const { saveStaffAccount, listStaffAccounts } = await import("@/db/staff");
const { startStaffSession, STAFF_COOKIE } = await import("@/lib/staff/session");

let site: TestSite | undefined;
let code = 0;
try {
  await migrateDatabase(await getDatabase());
  await importContent(SAMPLE_CONTENT_DIR);
  const generated = performance.now();
  const made = await generateGifts(giftCount, { now: new Date() });
  const generateSeconds = (performance.now() - generated) / 1000;
  await saveStaffAccount({ email: "bench@example.org", name: "Bench", passwordHash: "unused: the benchmark mints its session", role: "owner" });
  const account = (await listStaffAccounts())[0]!;
  const jar = new Map<string, string>();
  await startStaffSession({ get: (n: string) => (jar.has(n) ? { name: n, value: jar.get(n)! } : undefined), set: (n: string, v: string) => void jar.set(n, v) }, account, "complete", { addressHash: "bench", userAgent: "bench" });
  const cookie = `${STAFF_COOKIE}=${jar.get(STAFF_COOKIE)}`;
  await closeDatabase();

  console.error(`Generated ${made.gifts} gifts in ${generateSeconds.toFixed(1)} s; building and starting the site on ${base}…`);
  site = await startTestSite({ name: "bench-admin-site", port, databaseUrl: scratch.url, env: serverEnv, stdio: ["ignore", "ignore", "inherit"] });
  await site.ready(300_000);

  type Result = { label: string; path: string; status: number; ms: number[]; bytes: number; rows?: number };
  const measure = async (label: string, path: string): Promise<Result> => {
    const ms: number[] = [];
    let bytes = 0;
    let status = 0;
    let rows: number | undefined;
    await fetch(`${base}${path}`, { headers: { cookie } }).then((r) => r.arrayBuffer()); // warm-up
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const res = await fetch(`${base}${path}`, { headers: { cookie } });
      const body = new Uint8Array(await res.arrayBuffer());
      ms.push(performance.now() - t);
      status = res.status;
      bytes = body.length;
      if (path.includes("/export")) rows = new TextDecoder().decode(body).split("\r\n").length - 2;
    }
    return { label, path, status, ms: ms.sort((a, b) => a - b), bytes, rows };
  };
  const all = `period=custom&from=${new Date(Date.now() - 3 * 365 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date().toISOString().slice(0, 10)}`;
  const results = [
    await measure("Dashboard, this month", "/admin"),
    await measure("Dashboard, last 90 days", "/admin?period=90d"),
    await measure("Dashboard, all 100k gifts (3 years)", `/admin?${all}`),
    await measure("Gifts table, this month, page 1", "/admin/gifts"),
    await measure("Gifts table, refunded, all time", `/admin/gifts?${all}&status=refunded`),
    await measure("Gifts table, e-mail search, all time", `/admin/gifts?${all}&q=reader12`),
    await measure("CSV export, this month", "/admin/gifts/export"),
    await measure("CSV export, all gifts", `/admin/gifts/export?${all}`),
  ];
  const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
  console.log(`\nStaff pages on PostgreSQL with ${made.gifts.toLocaleString("en-GB")} gifts (${made.subscriptions} subscriptions, ${made.refunds} refunds, ${made.disputes} disputes); production build, HTTP over loopback, ${runs} runs after a warm-up`);
  console.log("| request | status | median (ms) | min (ms) | max (ms) | response size | CSV rows |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const r of results) {
    const size = r.bytes > 1e6 ? `${(r.bytes / 1e6).toFixed(1)} MB` : `${(r.bytes / 1e3).toFixed(0)} kB`;
    console.log(`| ${r.label} | ${r.status} | ${median(r.ms).toFixed(0)} | ${r.ms[0]!.toFixed(0)} | ${r.ms[r.ms.length - 1]!.toFixed(0)} | ${size} | ${r.rows?.toLocaleString("en-GB") ?? ""} |`);
  }
  console.log(`\nGenerating the ${made.gifts.toLocaleString("en-GB")} gifts took ${generateSeconds.toFixed(1)} s.`);
  if (results.some((r) => r.status !== 200)) code = 1;
} catch (error) {
  console.error(error);
  code = 1;
} finally {
  await site?.stop();
  await closeDatabase().catch(() => {});
  await scratch.drop().catch(() => {});
  await dbServer.stop();
}
process.exit(code);
