import { describe, expect, it } from "vitest";
import { combinedP99, combineSlices, type LoadResult } from "./serve";

/** A slice's tail as wrk prints it, for latencies spread evenly over [from, to] ms above p90. */
const tail = (from: number, to: number): [number, number][] => Array.from({ length: 201 }, (_, i) => [90 + i * 0.05, from + ((to - from) * i) / 200]);
const slice = (requests: number, seconds: number, t: [number, number][]): LoadResult => ({ rps: requests / seconds, p50ms: 1, p99ms: Number.NaN, requests, errors: 0, non2xx: 0, tail: t });

describe("slices of a bench round taken together", () => {
  it("gives the p99 of all their requests, not of any one slice", () => {
    // Two equal slices: one fast (p90..p100 = 1..2 ms), one slow (p90..p100 = 4..8 ms). Together, the
    // slowest 1 % are the slow slice's slowest 2 %: its p98 = 4 + 4 × 8/10 = 7.2 ms.
    const p99 = combinedP99([slice(1000, 1, tail(1, 2)), slice(1000, 1, tail(4, 8))]);
    expect(p99).toBeGreaterThanOrEqual(7.2);
    expect(p99).toBeLessThan(7.25);
    // One slice alone: its own p99.
    expect(combinedP99([slice(1000, 1, tail(4, 8))])).toBeCloseTo(7.6, 5);
  });

  it("weighs each slice by its requests, for the rate as for the tail", () => {
    const combined = combineSlices([slice(3000, 1, tail(1, 2)), slice(1000, 1, tail(4, 8))]);
    expect(combined.rps).toBe(2000);
    expect(combined.requests).toBe(4000);
    // 1 % of 4,000 = 40 requests: the slow slice's slowest 4 %, from its p96 = 4 + 4 × 6/10 = 6.4 ms.
    expect(combined.p99ms).toBeGreaterThanOrEqual(6.4);
    expect(combined.p99ms).toBeLessThan(6.45);
  });
});
