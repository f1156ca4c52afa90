import { describe, expect, it } from "vitest";
import { AppError, ERRORS, errorCode, isAppError, publicMessage } from "./errors";

describe("the error vocabulary", () => {
  it("maps its own errors to their status and message, and anything else to internal", () => {
    const down = new AppError("provider_unavailable", "ECONNREFUSED");
    expect(down.status).toBe(503);
    expect(isAppError(down, "provider_unavailable")).toBe(true);
    expect(publicMessage(down)).toBe(ERRORS.provider_unavailable.message);
    const bug = new TypeError("x is undefined");
    expect(errorCode(bug)).toBe("internal");
    expect(publicMessage(bug)).toBe(ERRORS.internal.message);
    expect(publicMessage(bug)).not.toContain("undefined");
  });
});

describe("Stripe's errors", () => {
  it("only a connection, API or rate-limit error from the SDK becomes provider_unavailable", async () => {
    const { default: Stripe } = await import("stripe");
    const { asProviderError } = await import("@/lib/stripe/checkout");
    for (const error of [
      new Stripe.errors.StripeConnectionError({ message: "socket hang up" }),
      new Stripe.errors.StripeAPIError({ message: "internal" }),
      new Stripe.errors.StripeRateLimitError({ message: "slow down" }),
    ]) {
      expect(isAppError(asProviderError(error), "provider_unavailable"), error.type).toBe(true);
    }
    for (const error of [new Stripe.errors.StripeInvalidRequestError({ message: "No such price" }), new Stripe.errors.StripeAuthenticationError({ message: "bad key" }), new TypeError("oops")]) {
      const mapped = asProviderError(error);
      expect(mapped).toBe(error);
      expect(errorCode(mapped)).toBe("internal");
    }
  });
});
