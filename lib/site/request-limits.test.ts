import { describe, expect, it } from "vitest";
import { readBodyWithin } from "./request-limits";

/** A body that never ends by itself, counting how much of it was pulled. */
function endlessBody(chunkBytes: number) {
  const seen = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      seen.pulled += chunkBytes;
      controller.enqueue(new Uint8Array(chunkBytes).fill(120));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { seen, request: new Request("http://local/api/stripe/webhook", { method: "POST", body, duplex: "half" } as RequestInit) };
}

describe("readBodyWithin", () => {
  it("reads a body within the limit, multi-byte characters across chunks included", async () => {
    expect(await readBodyWithin(new Request("http://local/", { method: "POST", body: "héllo ✓" }), 64)).toBe("héllo ✓");
    expect(await readBodyWithin(new Request("http://local/", { method: "POST", body: "x".repeat(64) }), 64)).toBe("x".repeat(64));
    expect(await readBodyWithin(new Request("http://local/", { method: "GET" }), 64)).toBe("");
  });

  it("stops at the limit on an endless body and cancels it, instead of reading it whole", async () => {
    const { seen, request } = endlessBody(16 * 1024);
    expect(await readBodyWithin(request, 512 * 1024)).toBeNull();
    expect(seen.cancelled).toBe(true);
    // A little read-ahead at most, never the whole (endless) body.
    expect(seen.pulled).toBeLessThanOrEqual(512 * 1024 + 4 * 16 * 1024);
  });

  it("refuses one byte over", async () => {
    expect(await readBodyWithin(new Request("http://local/", { method: "POST", body: "x".repeat(65) }), 64)).toBeNull();
  });
});
