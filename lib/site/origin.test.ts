import { describe, expect, it } from "vitest";
import { readerOrigin } from "./origin";

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
