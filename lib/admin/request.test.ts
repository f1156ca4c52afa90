import { describe, expect, it } from "vitest";
import { clientAddress, safeNextPath } from "./request";

describe("safeNextPath", () => {
  it("keeps a path inside /admin with its query", () => {
    expect(safeNextPath("/admin/gifts?status=refunded&page=2")).toBe("/admin/gifts?status=refunded&page=2");
    expect(safeNextPath("/admin")).toBe("/admin");
  });

  it("refuses anything that could lead elsewhere", () => {
    for (const bad of ["https://evil.example/admin", "//evil.example/admin", "/\\evil.example", "/admin\\..\\x", "/administrator", "/adminx", "/admin/../articles", "javascript:alert(1)", "/admin/sign-in?next=/admin", null, 42]) {
      expect(safeNextPath(bad)).toBe("/admin");
    }
  });
});

describe("clientAddress", () => {
  const h = (values: Record<string, string>) => ({ get: (n: string) => values[n] ?? null });
  it("takes the hop the proxy saw", () => {
    expect(clientAddress(h({ "x-forwarded-for": "1.2.3.4, 10.0.0.9" }))).toBe("10.0.0.9");
    expect(clientAddress(h({ "x-real-ip": "10.0.0.7" }))).toBe("10.0.0.7");
    expect(clientAddress(h({}))).toBe("unknown");
  });
});
