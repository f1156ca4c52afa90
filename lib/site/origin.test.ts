import { describe, expect, it } from "vitest";
import { isSameOriginRequest, readerOrigin } from "./origin";

const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name] ?? null });

describe("readerOrigin", () => {
  it("keeps a local reader on the loopback name they browse on", () => {
    expect(readerOrigin(headers({ host: "127.0.0.1:3000" }), "http://localhost:3000")).toBe("http://127.0.0.1:3000");
    expect(readerOrigin(headers({ host: "localhost:3000" }), "http://127.0.0.1:3000")).toBe("http://localhost:3000");
    expect(readerOrigin(headers({ host: "[::1]:3000" }), "http://localhost:3000")).toBe("http://[::1]:3000");
  });

  it("uses the site's own origin behind a proxy that says so", () => {
    expect(readerOrigin(headers({ host: "app:3001", "x-forwarded-host": "news.example", "x-forwarded-proto": "https" }), "https://news.example")).toBe("https://news.example");
  });

  it("never sends a reader to a host that is not the site's", () => {
    expect(readerOrigin(headers({ host: "evil.example" }), "https://news.example")).toBe("https://news.example");
    expect(readerOrigin(headers({ host: "localhost:4000" }), "http://localhost:3000")).toBe("http://localhost:3000");
    expect(readerOrigin(headers({ host: "127.0.0.1:3000" }), "https://news.example")).toBe("https://news.example");
    expect(readerOrigin(headers({ host: "news.example", "x-forwarded-proto": "http" }), "https://news.example")).toBe("https://news.example");
    expect(readerOrigin(headers({ host: "bad host" }), "https://news.example")).toBe("https://news.example");
    expect(readerOrigin(headers({}), "https://news.example")).toBe("https://news.example");
  });
});

describe("isSameOriginRequest", () => {
  const site = "https://news.example";
  it("accepts the site's own origin and the host the request was sent to", () => {
    expect(isSameOriginRequest(headers({ origin: "https://news.example", host: "app:3001" }), site)).toBe(true);
    expect(isSameOriginRequest(headers({ origin: "http://127.0.0.1:3500", host: "127.0.0.1:3500" }), site)).toBe(true);
    expect(isSameOriginRequest(headers({ origin: "https://news.example", "x-forwarded-host": "news.example", host: "app:3001" }), site)).toBe(true);
  });
  it("refuses another site, a look-alike and an opaque origin", () => {
    expect(isSameOriginRequest(headers({ origin: "https://evil.example", host: "news.example" }), site)).toBe(false);
    expect(isSameOriginRequest(headers({ origin: "https://news.example.evil.example", host: "news.example" }), site)).toBe(false);
    expect(isSameOriginRequest(headers({ origin: "http://127.0.0.1:9999", host: "127.0.0.1:3500" }), site)).toBe(false);
    expect(isSameOriginRequest(headers({ origin: "null", host: "news.example" }), site)).toBe(false);
    expect(isSameOriginRequest(headers({ origin: "not a url", host: "news.example" }), site)).toBe(false);
  });
  it("without Origin, trusts only what is not a cross-site browser request", () => {
    expect(isSameOriginRequest(headers({ host: "news.example" }), site)).toBe(true);
    expect(isSameOriginRequest(headers({ "sec-fetch-site": "same-origin" }), site)).toBe(true);
    expect(isSameOriginRequest(headers({ "sec-fetch-site": "cross-site" }), site)).toBe(false);
    expect(isSameOriginRequest(headers({ "sec-fetch-site": "same-site" }), site)).toBe(false);
  });
});
