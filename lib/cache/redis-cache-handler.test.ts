import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain JavaScript loaded by Next.js itself; no declarations.
import { deserialize, isExpiredByTags, serialize, tagsOf } from "./redis-cache-handler.mjs";

describe("the Redis cache handler's entries", () => {
  it("round-trips the Buffers and Maps Next.js stores (RSC payloads, prefetch segments)", () => {
    const entry = {
      lastModified: 1,
      value: { kind: "APP_PAGE", html: "<p>x</p>", rscData: Buffer.from([0, 255, 1]), segmentData: new Map([["/_tree", Buffer.from("tree")]]), headers: {} },
    };
    const back = deserialize(serialize(entry));
    expect(Buffer.isBuffer(back.value.rscData)).toBe(true);
    expect([...back.value.rscData]).toEqual([0, 255, 1]);
    expect(back.value.segmentData).toBeInstanceOf(Map);
    expect(back.value.segmentData.get("/_tree").toString()).toBe("tree");
  });

  it("answers to its explicit tags, its page's cache-tags header and the path's soft tags", () => {
    expect(tagsOf({ headers: { "x-next-cache-tags": "articles,_N_T_/articles/a" } }, { tags: ["article:a"], softTags: ["_N_T_/layout"] }).sort()).toEqual(
      ["_N_T_/articles/a", "_N_T_/layout", "article:a", "articles"].sort(),
    );
  });

  it("drops an entry written before one of its tags expired, never one written after", () => {
    const now = 10_000;
    expect(isExpiredByTags([null, "9000"], 8000, now)).toBe(true);
    expect(isExpiredByTags([null, "9000"], 9500, now)).toBe(false);
    // A future expiry (revalidateTag with a profile) has not come yet.
    expect(isExpiredByTags(["20000"], 8000, now)).toBe(false);
    expect(isExpiredByTags([null], 0, now)).toBe(false);
  });
});
