import { describe, expect, it } from "vitest";
import { stripeDashboardUrl, stripeLiveMode } from "./dashboard";

describe("stripeDashboardUrl", () => {
  it("links test-mode objects under /test/ and live ones without", () => {
    expect(stripeDashboardUrl("payment", "pi_123", false)).toBe("https://dashboard.stripe.com/test/payments/pi_123");
    expect(stripeDashboardUrl("customer", "cus_9", true)).toBe("https://dashboard.stripe.com/customers/cus_9");
    expect(stripeDashboardUrl("subscription", "sub_1", true)).toBe("https://dashboard.stripe.com/subscriptions/sub_1");
    expect(stripeDashboardUrl("invoice", "in_1", false)).toBe("https://dashboard.stripe.com/test/invoices/in_1");
  });

  it("is in test mode with no key (the emulator) and with a test key", () => {
    expect(stripeLiveMode()).toBe(false);
    expect(stripeDashboardUrl("payment", "pi_1")).toContain("/test/");
  });
});
