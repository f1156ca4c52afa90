import { readdirSync, readFileSync, statSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";

/**
 * Requests no browser of ours sends, written on the wire (node:net) where a client library would
 * refuse or fix them: each must be answered at once with a clear status, without the server
 * reading, buffering or storing what it does not need.
 */
const { hostname: host, port } = new URL(baseURL);

type Raw = { status: number; headers: Record<string, string>; body: string; sentBytes: number; ms: number };

/**
 * Sends `head`, then streams chunked `body` bytes (up to `bodyBytes`) until the server answers;
 * resolves with the answer and how many body bytes had been written by then.
 */
function raw(head: string, { bodyBytes = 0, chunkBytes = 64 * 1024 }: { bodyBytes?: number; chunkBytes?: number } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect({ host, port: Number(port) });
    let received = "";
    let sentBytes = 0;
    let answered = false;
    const chunk = `${chunkBytes.toString(16)}\r\n${"x".repeat(chunkBytes)}\r\n`;
    const finish = () => {
      const end = received.indexOf("\r\n\r\n");
      if (end < 0) return reject(new Error(`no answer: ${JSON.stringify(received.slice(0, 200))}`));
      const [statusLine, ...lines] = received.slice(0, end).split("\r\n");
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
      resolve({ status: Number(statusLine!.split(" ")[1]), headers, body: received.slice(end + 4), sentBytes, ms: Date.now() - started });
    };
    socket.setTimeout(20_000, () => socket.destroy());
    socket.on("data", (d) => {
      received += d.toString("latin1");
      if (!answered && received.includes("\r\n\r\n")) {
        answered = true;
        // Enough of the body to read the page, then hang up.
        setTimeout(() => socket.destroy(), 300);
      }
    });
    socket.on("error", () => {});
    socket.on("close", finish);
    socket.on("connect", () => {
      socket.write(head);
      const pump = () => {
        while (!answered && !socket.destroyed && sentBytes < bodyBytes) {
          sentBytes += chunkBytes;
          if (!socket.write(chunk)) return void socket.once("drain", pump);
        }
        if (!answered && !socket.destroyed && bodyBytes > 0) socket.write("0\r\n\r\n");
      };
      if (bodyBytes > 0) pump();
    });
  });
}

const request = (method: string, target: string, headers: Record<string, string> = {}) =>
  `${method} ${target} HTTP/1.1\r\nHost: ${host}:${port}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`;

test.describe("bodies", () => {
  test("a chunked 200 MB webhook is refused before it is read", async () => {
    const res = await raw(request("POST", "/api/stripe/webhook", { "content-type": "application/json", "stripe-signature": "t=1,v1=00", "transfer-encoding": "chunked" }), {
      bodyBytes: 200 * 1024 * 1024,
    });
    expect(res.status).toBe(411);
    // The client's writes land in socket buffers until the refusal closes the socket; loopback's
    // autotuned buffers took up to 22 MB here once (of 200), so the bound is well above that.
    expect(res.sentBytes).toBeLessThan(48 * 1024 * 1024);
  });

  test("a webhook declaring 200 MB is refused without sending it", async () => {
    const res = await raw(request("POST", "/api/stripe/webhook", { "content-type": "application/json", "stripe-signature": "t=1,v1=00", "content-length": String(200 * 1024 * 1024) }));
    expect(res.status).toBe(413);
  });

  test("a chunked 10 MB form gets the calm page, not a bare 500", async () => {
    const res = await raw(request("POST", "/support", { "content-type": "multipart/form-data; boundary=x", accept: "text/html", "transfer-encoding": "chunked" }), { bodyBytes: 10 * 1024 * 1024 });
    expect(res.status).toBe(411);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain("That form could not be read");
    expect(res.body).toContain("Nothing was saved and nothing was charged");
  });

  test("a form declaring 10 MB gets the calm 413 page", async () => {
    const res = await raw(request("POST", "/support", { "content-type": "multipart/form-data; boundary=x", accept: "text/html", "content-length": String(10 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body).toContain("That form was too large");
  });
});

test.describe("request lines and headers", () => {
  test("7,000 query parameters are refused at once; a normal query still works", async () => {
    // The probe's shape: 7,000 one-letter parameters, 14 KB. Over the header limit: the parser refuses it.
    const probe = await raw(request("GET", `/robots.txt?${"a&".repeat(7000)}`));
    expect([414, 431]).toContain(probe.status);
    expect(probe.ms).toBeLessThan(500);
    // Under it, the count is what is refused.
    const many = await raw(request("GET", `/robots.txt?${"a&".repeat(1000)}`));
    expect(many.status).toBe(414);
    expect(many.ms).toBeLessThan(500);
    expect((await raw(request("GET", `/search?q=${"a".repeat(5000)}`))).status).toBe(414);
    const fine = await raw(request("GET", `/robots.txt?${Array.from({ length: 20 }, (_, i) => `p${i}=1`).join("&")}`));
    expect(fine.status).toBe(200);
  });

  test("an oversized header block is refused by the parser (431)", async () => {
    const res = await raw(request("GET", "/robots.txt", { "x-padding": "a".repeat(12 * 1024) }));
    expect(res.status).toBe(431);
  });
});

test.describe("paths and methods", () => {
  test("percent-escapes that are not UTF-8 get 400, never 500", async () => {
    for (const target of ["/articles/%ff%fe", "/tags/%c0%ae%c0%ae", "/sections/%e0%80", "/%ff"]) {
      const res = await raw(request("GET", target));
      expect([400, 404], target).toContain(res.status);
    }
  });

  test("TRACE and other unused methods get 405 with Allow, never the page or a 500", async () => {
    for (const [method, target] of [
      ["TRACE", "/api"],
      ["TRACE", "/admin"],
      ["TRACE", "/api/stripe/webhook"],
      ["PUT", "/"],
      ["DELETE", "/support"],
      ["PATCH", "/articles/anything"],
      ["PUT", "/admin/api/reconcile"],
    ] as const) {
      const res = await raw(request(method, target, { "content-length": "0" }));
      expect(res.status, `${method} ${target}`).toBe(405);
      expect(res.headers.allow, `${method} ${target}`).toBe("GET, HEAD, POST");
      expect(res.body, `${method} ${target}`).not.toContain("<html");
    }
  });
});

test("a cross-origin POST to the staff API is refused with 403, text/plain included", async ({ request: api }) => {
  const res = await api.post("/admin/api/reconcile", { headers: { origin: "https://evil.example", "content-type": "text/plain" }, data: '{"from":"2026-11-01","to":"2026-11-30"}' });
  expect(res.status()).toBe(403);
});

function filesUnder(dir: string, out: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const full = path.join(dir, name);
    const st = statSync(full, { throwIfNoEntry: false });
    if (st?.isDirectory()) filesUnder(full, out);
    else if (st) out.push(full);
  }
  return out;
}

test("300 unknown slugs write nothing to the route or data cache, and each 404 is a whole page without JavaScript", async ({ request: api }) => {
  test.setTimeout(120_000);
  const marker = `nosuch${Date.now().toString(36)}`;
  const caches = [path.resolve(".next/server/app"), path.resolve(".next/cache")];
  const kinds = ["articles", "sections", "tags", "authors"];
  for (let i = 0; i < 300; i += 10) {
    await Promise.all(
      Array.from({ length: 10 }, async (_, j) => {
        const res = await api.get(`/${kinds[(i + j) % 4]}/${marker}-${i + j}`);
        expect(res.status()).toBe(404);
        const html = await res.text();
        expect(html).toContain("Page not found");
        expect(html).toContain("Skip to content");
      }),
    );
  }
  // Generated images and feeds of made-up subjects (route handlers, cached by Next like pages).
  for (let i = 0; i < 40; i += 10) {
    await Promise.all(
      Array.from({ length: 10 }, async (_, j) => {
        const base = `/${kinds[(i + j) % 4]}/${marker}-img-${i + j}`;
        expect((await api.get(`${base}/share-image.png`)).status()).toBe(404);
        if (!base.startsWith("/articles/")) expect((await api.get(`${base}/feed.atom`)).status()).toBe(404);
      }),
    );
  }
  // A page past the last one of a real listing: found by following the front page's first section link.
  const section = /href="(\/sections\/[a-z0-9-]+)"/.exec(await (await api.get("/")).text())![1]!;
  for (let p = 9000; p < 9010; p++) expect((await api.get(`${section}/page/${p}`)).status()).toBe(404);

  // Other specs write legitimate entries meanwhile: look for this test's slugs, by name and in content.
  const files = caches.flatMap((d) => filesUnder(d));
  const ours = files.filter((f) => f.includes(marker) || f.includes("/page/900") || (statSync(f).size < 2_000_000 && readFileSync(f, "latin1").includes(marker)));
  expect(ours).toEqual([]);
  // The scan does look where entries go: a real article's render is there.
  expect(files.some((f) => f.includes(`${path.sep}articles${path.sep}`) && f.endsWith(".html"))).toBe(true);
});
