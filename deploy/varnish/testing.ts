/**
 * For the cache configuration tests (deploy/varnish/vcl.test.ts, deploy/nginx/front.test.ts): a stub
 * app whose answers each test chooses, and a real varnishd with the committed VCL in front of it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";

export const VARNISHD = ["/usr/sbin/varnishd", "/usr/local/sbin/varnishd"].find((p) => existsSync(p));

export type Seen = { url: string; headers: IncomingMessage["headers"] };
export type Answer = { status?: number; headers?: Record<string, string>; body?: string };

/** The Vary Next.js sends on a page, as the stub app does. */
export const PAGE_VARY = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding";

/** A cacheable answer, as the app gives a reading page. */
export const cacheable = (body: string, extra: Record<string, string> = {}): Answer => ({
  body,
  headers: { "cache-control": "s-maxage=3600, stale-while-revalidate=86400", ...extra },
});

/**
 * The app as Varnish sees it: records each request in `seen` and answers with `answer(req)`, varying
 * as Next.js does, gzipping when asked, with its length (as Next.js sends a static page); `headers` go
 * on every answer.
 */
export async function startStubApp(answer: (req: IncomingMessage) => Answer, seen: Seen[], headers: Record<string, string> = {}): Promise<Server> {
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? "", headers: req.headers });
    const a = answer(req);
    const gzip = req.headers["accept-encoding"] === "gzip" && a.body !== undefined;
    const body = a.body === undefined ? undefined : gzip ? gzipSync(a.body) : Buffer.from(a.body);
    res.writeHead(a.status ?? 200, {
      ...headers,
      "content-type": "text/html; charset=utf-8",
      vary: PAGE_VARY,
      ...(gzip ? { "content-encoding": "gzip" } : {}),
      ...(body ? { "content-length": String(body.length) } : {}),
      ...a.headers,
    });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return server;
}

/** varnishd with deploy/varnish/default.vcl on 127.0.0.1:port, its one backend `app`; stop it with SIGINT. */
export function startVarnish(app: Server, port: number, workdir: string): ChildProcess {
  rmSync(workdir, { recursive: true, force: true });
  mkdirSync(workdir, { recursive: true });
  writeFileSync(
    path.join(workdir, "backends.vcl"),
    `import directors;\nbackend stub { .host = "127.0.0.1"; .port = "${(app.address() as AddressInfo).port}"; }\nsub vcl_init { new app = directors.round_robin(); app.add_backend(stub); }\n`,
  );
  return spawn(
    VARNISHD!,
    ["-F", "-n", workdir, "-a", `127.0.0.1:${port}`, "-T", "none", "-f", path.resolve("deploy/varnish/default.vcl"),
      "-p", `vcl_path=${workdir}:${path.resolve("deploy/varnish")}`, "-s", "malloc,32m", "-p", "http_gzip_support=off",
      ...(process.getuid?.() === 0 ? [] : ["-j", "none"])],
    { stdio: "ignore" },
  );
}

/** Waits (10 s at most) until `check` answers true. */
export async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not come up`);
}
