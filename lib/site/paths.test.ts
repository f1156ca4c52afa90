import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { config } from "@/proxy";
import { articleImagePath, articlePath, articleRatioImagePath, feedFormatOf, feedPath, listingFeedPath, NONCE_PATHS, PRIVATE_PATHS, sectionFeedPath, shareImagePath, siteFeedPath, withoutAskVariant } from "./paths";

const vcl = readFileSync("deploy/varnish/default.vcl", "utf8");
const nextConfig = readFileSync("next.config.mjs", "utf8");

describe("the site's paths", () => {
  it("builds every address from one place", () => {
    expect(articlePath("a-story")).toBe("/articles/a-story");
    expect(articleImagePath("a-story")).toBe("/articles/a-story/share-image.png");
    expect(sectionFeedPath("politics")).toBe("/sections/politics/feed.xml");
    expect(articleRatioImagePath("a-story", "16x9")).toBe("/articles/a-story/image-16x9.png");
    expect(shareImagePath("/")).toBe("/share-image.png");
    expect(shareImagePath("/tags/water")).toBe("/tags/water/share-image.png");
  });

  it("names every feed in three formats below the page it follows", () => {
    expect(siteFeedPath).toBe("/feed.xml");
    expect([feedPath("/", "atom"), feedPath("/", "json")]).toEqual(["/feed.atom", "/feed.json"]);
    expect(listingFeedPath("authors", "mara-lind", "json")).toBe("/authors/mara-lind/feed.json");
    expect(listingFeedPath("tags", "water", "atom")).toBe("/tags/water/feed.atom");
    expect(feedFormatOf("feed.atom")).toBe("atom");
    expect(feedFormatOf("feed.rss")).toBeNull();
  });

  it("shows the reader's address for a page prerendered under an ask variant", () => {
    expect(withoutAskVariant("/quiet/articles/x")).toBe("/articles/x");
    expect(withoutAskVariant("/full")).toBe("/");
    expect(withoutAskVariant("/fullness/x")).toBe("/fullness/x");
    expect(withoutAskVariant("/articles/x")).toBe("/articles/x");
  });

  it("the HTTP cache passes exactly the private paths", () => {
    const pass = /req\.url ~ "\^\/\(([^)]+)\)\(\/\|\\\?\|\$\)"\) \{\s*return \(pass\);/.exec(vcl);
    expect(pass, "the VCL's pass rule").not.toBeNull();
    expect(pass![1]!.split("|").map((p) => `/${p}`).sort()).toEqual([...PRIVATE_PATHS].sort());
  });

  it("the proxy runs on every nonce path, and next.config.mjs leaves them out of the static CSP", () => {
    const matcher = config.matcher.map((m) => (typeof m === "string" ? m : m.source));
    // A nonce path's pages below it (the manage page's stop-reminders page) need the nonce too.
    for (const p of NONCE_PATHS) expect(matcher, p).toEqual(expect.arrayContaining([p, `${p}/:path*`]));
    const excluded = /source: "\/\(\(\?!([^)]+)\)\.\*\)"/.exec(nextConfig);
    expect(excluded, "the static CSP's source").not.toBeNull();
    expect(excluded![1]!.split("|").map((p) => `/${p}`).sort()).toEqual([...NONCE_PATHS].sort());
  });
});
