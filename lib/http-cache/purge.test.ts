import { createServer, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { affectedTargets, purgeHttpCache } from "./purge";

describe("affectedTargets", () => {
  it("covers the article, the fronts and feeds, and its section, tags and authors with everything below them", () => {
    const targets = affectedTargets(["water-tariffs"], [
      { slug: "water-tariffs", section: { slug: "economy" }, tags: [{ slug: "water" }], authors: [{ slug: "mara-lind" }, { slug: "tomas-revel" }] },
    ]);
    expect(targets).toEqual(
      expect.arrayContaining([
        { path: "/", scope: "exact" },
        { path: "/feed.xml", scope: "exact" },
        { path: "/feed.atom", scope: "exact" },
        { path: "/feed.json", scope: "exact" },
        { path: "/sitemap.xml", scope: "exact" },
        { path: "/news-sitemap.xml", scope: "exact" },
        { path: "/articles/water-tariffs", scope: "prefix" },
        { path: "/sections/economy", scope: "prefix" },
        { path: "/tags/water", scope: "prefix" },
        { path: "/authors/mara-lind", scope: "prefix" },
        { path: "/authors/tomas-revel", scope: "prefix" },
      ]),
    );
    expect(targets).toHaveLength(11);
    expect(targets.find((t) => t.path === "/")?.scope).toBe("exact");
  });

  it("drops every listing when an article is no longer published (its old listings are unknown)", () => {
    const paths = affectedTargets(["gone"], [null]).map((t) => `${t.scope} ${t.path}`);
    expect(paths).toEqual(expect.arrayContaining(["prefix /articles/gone", "prefix /sections", "prefix /tags", "prefix /authors"]));
  });
});

describe("purgeHttpCache", () => {
  it("sends PURGE for exact paths and BAN for prefixes, and reports failures without throwing", async () => {
    const got: string[] = [];
    // A bare TCP server: Node's HTTP parser refuses the BAN method that Varnish accepts.
    const server = createServer((socket) => {
      socket.once("data", (chunk) => {
        const [method, url] = chunk.toString().split(" ");
        got.push(`${method} ${url}`);
        socket.end(`HTTP/1.1 ${url === "/broken" ? "500 Oops" : "200 OK"}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const outcome = await purgeHttpCache([{ path: "/", scope: "exact" }, { path: "/sections/economy", scope: "prefix" }, { path: "/broken", scope: "exact" }], url);
    server.close();
    expect(got.sort()).toEqual(["BAN /sections/economy", "PURGE /", "PURGE /broken"]);
    expect(outcome).toMatchObject({ ok: false, purged: 2, failures: ["PURGE /broken: HTTP 500"] });
  });

  it("does nothing when no HTTP cache is configured", async () => {
    expect(await purgeHttpCache([{ path: "/", scope: "exact" }], undefined)).toEqual({ ok: true, purged: 0, failures: [] });
  });
});
