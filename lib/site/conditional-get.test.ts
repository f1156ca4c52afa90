import { describe, expect, it } from "vitest";
import { conditionalResponse, etagOf } from "./conditional-get";

const rep = { body: "<urlset/>", contentType: "application/xml; charset=utf-8", lastModified: new Date("2026-11-28T06:15:00.500Z"), sMaxAge: 600 };
const get = (headers: Record<string, string> = {}, method = "GET") => conditionalResponse(new Request("http://m.example/sitemap.xml", { method, headers }), rep);

describe("conditionalResponse", () => {
  it("answers with validators and a shared-cache lifetime", async () => {
    const res = get();
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(etagOf(rep.body));
    expect(res.headers.get("last-modified")).toBe("Sat, 28 Nov 2026 06:15:00 GMT");
    expect(res.headers.get("cache-control")).toContain("s-maxage=600");
    expect(await res.text()).toBe(rep.body);
  });

  it("304 to the same ETag (strong, weak, in a list, or *), with no body", async () => {
    for (const inm of [etagOf(rep.body), `W/${etagOf(rep.body)}`, `"x", ${etagOf(rep.body)}`, "*"]) {
      const res = get({ "if-none-match": inm });
      expect(res.status, inm).toBe(304);
      expect(res.headers.get("etag")).toBe(etagOf(rep.body));
      expect(await res.text()).toBe("");
    }
  });

  it("200 to another ETag, even when If-Modified-Since alone would say 304", () => {
    expect(get({ "if-none-match": '"old"', "if-modified-since": "Sun, 29 Nov 2026 00:00:00 GMT" }).status).toBe(200);
  });

  it("If-Modified-Since: 304 at or after the last change (whole seconds), 200 before it or when unreadable", () => {
    expect(get({ "if-modified-since": "Sat, 28 Nov 2026 06:15:00 GMT" }).status).toBe(304);
    expect(get({ "if-modified-since": "Sat, 28 Nov 2026 06:14:59 GMT" }).status).toBe(200);
    expect(get({ "if-modified-since": "yesterday" }).status).toBe(200);
  });

  it("a changed body is a new ETag", () => {
    expect(etagOf("<urlset/>")).not.toBe(etagOf("<urlset> </urlset>"));
  });

  it("HEAD gets the headers without the body", async () => {
    const res = get({}, "HEAD");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });
});
