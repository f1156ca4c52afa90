/**
 * The front's nginx.conf for one machine: where it listens, where Varnish is, where it keeps its copies.
 * The rules themselves are the committed files beside this one (maps.conf, front.conf and the keep*.conf
 * it includes, compressor.conf), copied beside nginx.conf so that they include one another by name;
 * scripts/start-prod.ts and the front's tests write the folder with this.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REQUEST_LIMITS } from "@/lib/site/request-limits";

const here = path.dirname(new URL(import.meta.url).pathname);

export const NGINX_BINARY = "/usr/sbin/nginx";
/** How a kept copy is sent; the bench's reference nginx sends its file the same way. */
export const SEND_COPY_CONF = path.join(here, "send-copy.conf");
/** The modules the front loads, each from its Debian package. */
export const FRONT_MODULES = [
  ["/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so", "libnginx-mod-http-brotli-filter"],
  ["/usr/lib/nginx/modules/ngx_http_headers_more_filter_module.so", "libnginx-mod-http-headers-more-filter"],
] as const;

/** What the front needs from Debian, as packages to install (empty when all are there). */
export function missingFrontPackages(): string[] {
  return [...(existsSync(NGINX_BINARY) ? [] : ["nginx-light"]), ...FRONT_MODULES.filter(([file]) => !existsSync(file)).map(([, pkg]) => pkg)];
}

export type FrontOptions = {
  host: string;
  port: number;
  /** Varnish, on loopback. */
  cachePort: number;
  workdir: string;
  /** The most the front keeps on disk (nginx size syntax: 64m, 1g). */
  cacheSize: string;
  /** nginx worker processes: a number, or "auto" (one per core). */
  workers: string;
  /**
   * The app's security headers as it sends them on static pages (`lib/security/headers.ts`, read off
   * a running instance): Varnish leaves them out of what the front keeps, and the front adds them back.
   */
  securityHeaders: [name: string, value: string][];
  /**
   * The Vary the app sends on its pages, feeds and sitemaps (read off a running instance): the front adds
   * it to what it keeps of them (keep-page.conf) and tells Varnish, which leaves that same Vary out.
   */
  pageVary: string;
};

/** The headers `securityHeaders` may name: the ones next.config.mjs sets on every static page. */
export const FRONT_SECURITY_HEADERS = [
  "content-security-policy",
  "permissions-policy",
  "cross-origin-opener-policy",
  "x-frame-options",
  "referrer-policy",
  "x-content-type-options",
  "strict-transport-security",
] as const;

/** What a running instance sends on a static page (`url`) that the front adds itself to what it keeps. */
export async function readKeptHeaders(url: string): Promise<Pick<FrontOptions, "securityHeaders" | "pageVary">> {
  // As a browser asks: the Vary read is the one a compressed answer carries.
  const res = await fetch(url, { headers: { "accept-encoding": "gzip" }, signal: AbortSignal.timeout(10_000) });
  await res.body?.cancel();
  const pageVary = res.headers.get("vary");
  if (!pageVary) throw new Error(`${url} sent no Vary`);
  const securityHeaders = FRONT_SECURITY_HEADERS.flatMap((name) => {
    const value = res.headers.get(name);
    return value === null ? [] : [[name, value] as [string, string]];
  });
  return { securityHeaders, pageVary };
}

/** A header value as an nginx string: quoted, its quotes and backslashes escaped; a `$` would name a variable. */
export function nginxString(value: string): string {
  if (/[$\r\n]/.test(value)) throw new Error(`a header value nginx cannot take as it is: ${value}`);
  return `"${value.replace(/["\\]/g, "\\$&")}"`;
}

/** Whether every folder above `dir` lets other users through (nginx's workers run as nobody under root). */
function reachableByOthers(dir: string): boolean {
  for (let d = path.dirname(path.resolve(dir)); ; d = path.dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (d === path.dirname(d)) return true;
  }
}

/** The committed files the front runs with (every rule file and the error page), copied into its folder. */
const frontFiles = () => readdirSync(here).filter((name) => /\.(conf|html)$/.test(name));

/**
 * Writes `nginx.conf`, `security-headers.conf`, `page-vary.conf` (and the folders and files they name) into `workdir`,
 * which nginx must run with as its prefix (`-p`); returns nginx.conf's path.
 */
export function writeFrontConfig({ host, port, cachePort, workdir, cacheSize, workers, securityHeaders, pageVary }: FrontOptions): string {
  for (const dir of ["cache", "tmp"]) mkdirSync(path.join(workdir, dir), { recursive: true });
  // Beside the configuration, where nginx's workers (nobody, under root) can read the error page.
  for (const name of frontFiles()) copyFileSync(path.join(here, name), path.join(workdir, name));
  const tmp = (name: string) => `${name}_temp_path ${path.join(workdir, "tmp", name)};`;
  const listen = host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
  const compressor = `unix:${path.join(workdir, "compressor.sock")}`;
  const file = path.join(workdir, "nginx.conf");
  const added = securityHeaders.filter(([name]) => (FRONT_SECURITY_HEADERS as readonly string[]).includes(name.toLowerCase()));
  writeFileSync(
    path.join(workdir, "security-headers.conf"),
    `# Written by deploy/nginx/config.ts: the app's static security headers, on what the front keeps (keep.conf).\n${added.map(([name, value]) => `add_header ${name} ${nginxString(value)} always;\n`).join("")}`,
  );
  writeFileSync(
    path.join(workdir, "page-vary.conf"),
    `# Written by deploy/nginx/config.ts: the app's Vary on its pages, feeds and sitemaps (keep-page.conf). Varnish
# leaves it out of the copy when it is the one named here; any other Vary stays, and both reach the reader.
proxy_set_header X-Masthead-Front-Vary ${nginxString(pageVary)};
add_header Vary ${nginxString(pageVary)} always;
`,
  );
  // Under root, nginx's workers run as nobody; a checkout in a private home would lock them out of their own cache.
  const user = process.getuid?.() === 0 && !reachableByOthers(workdir) ? "user root;\n" : "";
  writeFileSync(
    file,
    `# Written by deploy/nginx/config.ts.
${user}worker_processes ${workers};
worker_rlimit_nofile 16384;
pid ${path.join(workdir, "nginx.pid")};
error_log stderr warn;
${FRONT_MODULES.map(([file]) => `load_module ${file};`).join("\n")}
events { worker_connections 4096; }
http {
    access_log off;
    server_tokens off;
    sendfile on;
    # TCP_CORK held the last segment of every copy served from the cache for the peer's delayed ACK
    # (40 ms per request for a 66 KB page); the default TCP_NODELAY alone sends it at once.
    tcp_nopush off;
    keepalive_requests 10000;
    # A hit opens its copy's file; keeping it open saves three system calls a request. Safe for the cache:
    # nginx reopens a file whose copy was replaced (it compares the inode the cache recorded).
    open_file_cache max=2000 inactive=30s;
    open_file_cache_valid 1s;
    ${["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(tmp).join("\n    ")}
    # The request line and each header as the instances' own limit (lib/site/request-limits.ts).
    large_client_header_buffers 4 ${REQUEST_LIMITS.headerBytes / 1024}k;
    client_max_body_size ${Math.ceil(REQUEST_LIMITS.webhookBytes / 1024)}k;
    proxy_cache_path ${path.join(workdir, "cache")} levels=1:2 keys_zone=front:16m max_size=${cacheSize} inactive=10m use_temp_path=off;
    upstream masthead_cache {
        server 127.0.0.1:${cachePort};
        keepalive 64;
    }
    upstream masthead_compressor {
        server ${compressor};
        keepalive 16;
    }
    include maps.conf;
    server {
        listen ${listen} backlog=4096;
        include front.conf;
    }
    server {
        listen ${compressor};
        include compressor.conf;
    }
}
`,
  );
  return file;
}
