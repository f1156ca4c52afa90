import { describe, expect, it } from "vitest";
import { encodeForm, FormEncodingError, parseFormEncoded } from "./form-encoding";

describe("parseFormEncoded", () => {
  it("parses Stripe's bracket notation into nested objects", () => {
    const parsed = parseFormEncoded(
      "mode=subscription&metadata[frequency]=monthly&line_items[0][price_data][currency]=usd&line_items[0][price_data][recurring][interval]=month&line_items[0][quantity]=1",
    );
    expect(JSON.parse(JSON.stringify(parsed))).toEqual({
      mode: "subscription",
      metadata: { frequency: "monthly" },
      line_items: { "0": { price_data: { currency: "usd", recurring: { interval: "month" } }, quantity: "1" } },
    });
  });

  it("numbers `[]` entries in order and decodes + and percent escapes", () => {
    const parsed = parseFormEncoded("expand[]=subscription&expand[]=customer&name=A+gift%20%E2%9C%93&success_url=http%3A%2F%2Fx%2F%3Fid%3D%7BCHECKOUT_SESSION_ID%7D");
    expect(JSON.parse(JSON.stringify(parsed))).toEqual({
      expand: { "0": "subscription", "1": "customer" },
      name: "A gift ✓",
      success_url: "http://x/?id={CHECKOUT_SESSION_ID}",
    });
  });

  it("keeps __proto__ as inert data", () => {
    const parsed = parseFormEncoded("metadata[__proto__]=x&__proto__[polluted]=yes");
    expect(Object.keys(parsed.metadata as object)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("rejects malformed input with a FormEncodingError", () => {
    expect(() => parseFormEncoded("a=%E0%A4%A")).toThrow(FormEncodingError);
    expect(() => parseFormEncoded("a[b=1")).toThrow(FormEncodingError);
    expect(() => parseFormEncoded("[a]=1")).toThrow(FormEncodingError);
    expect(() => parseFormEncoded("a=1&a[b]=2")).toThrow(FormEncodingError);
    expect(() => parseFormEncoded("a[b]=2&a=1")).toThrow(FormEncodingError);
    expect(() => parseFormEncoded("a[1][2][3][4][5][6][7][8]=1")).toThrow(FormEncodingError);
  });

  it("round-trips through encodeForm", () => {
    const data = { line_items: [{ price: "price_1", quantity: 2 }], metadata: { a: "b & c" }, expand: ["x"] };
    const parsed = parseFormEncoded(encodeForm(data));
    expect(JSON.parse(JSON.stringify(parsed))).toEqual({ line_items: { "0": { price: "price_1", quantity: "2" } }, metadata: { a: "b & c" }, expand: { "0": "x" } });
  });
});
