import { describe, expect, it } from "vitest";
import { parseGiftForm, type Gift } from "@/lib/donations/gift";
import { buildCheckoutSessionParams } from "./checkout";

const gift = (fields: Record<string, string>): Gift => {
  const r = parseGiftForm({ currency: "eur", placement: "inline", source_path: "/articles/water-tariffs", ...fields });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.gift;
};

describe("buildCheckoutSessionParams", () => {
  it("makes a donation payment with a customer for a one-time gift", () => {
    const p = buildCheckoutSessionParams(gift({ frequency: "once", amount: "2500", cover_fees: "on" }), "https://news.example");
    expect(p).toMatchObject({
      mode: "payment",
      submit_type: "donate",
      customer_creation: "always",
      success_url: "https://news.example/support/thank-you?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "https://news.example/articles/water-tariffs#support",
      line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: 2500 + 73 + 25, product: "masthead_gift_once" } }],
    });
    expect(p.payment_intent_data?.metadata).toEqual(p.metadata);
    expect(p.metadata).toMatchObject({ frequency: "once", amount: "2500", fee_amount: "98", total: "2598", cover_fees: "true", placement: "inline", source_slug: "water-tariffs" });
    expect(p.payment_intent_data?.description).toBe('One-time gift: €25.98 (incl. €0.98 card fees), via the end-of-article appeal on article "water-tariffs"');
    expect(p).not.toHaveProperty("subscription_data");
  });

  it.each([
    ["monthly", "month", "masthead_support_monthly"],
    ["annual", "year", "masthead_support_annual"],
  ] as const)("makes a %s subscription with a recurring price", (frequency, interval, product) => {
    const p = buildCheckoutSessionParams(gift({ frequency, amount: "5000", placement: "support_page", source_path: "/support" }), "https://news.example");
    expect(p).toMatchObject({
      mode: "subscription",
      cancel_url: "https://news.example/support",
      line_items: [{ price_data: { currency: "eur", unit_amount: 5000, product, recurring: { interval } } }],
      subscription_data: { metadata: { frequency, placement: "support_page" } },
    });
    expect(p).not.toHaveProperty("submit_type");
    expect(p).not.toHaveProperty("payment_intent_data");
  });
});
