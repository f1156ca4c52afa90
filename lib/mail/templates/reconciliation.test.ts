import { render } from "@react-email/render";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { ReconciliationEmail, reconciliationSubject } from "./reconciliation";

describe("the nightly reconciliation e-mail", () => {
  it("carries the report line by line in both parts, and a link to the dashboard", async () => {
    const lines = ["Period: a – b", "Disagreements (1):", "  gift cs_1: amount is 2500 in Stripe, 2400 in the ledger"];
    const element = createElement(ReconciliationEmail, { siteName: "Masthead", lines, adminUrl: "https://news.example/admin" });
    const text = await render(element, { plainText: true });
    for (const line of lines) expect(text).toContain(line.trim());
    expect(text).toContain("https://news.example/admin");
    expect(await render(element)).toContain('href="https://news.example/admin"');
    expect(reconciliationSubject("Masthead", 1)).toBe("Masthead: Stripe and the ledger disagree on 1 thing");
    expect(reconciliationSubject("Masthead", 3)).toBe("Masthead: Stripe and the ledger disagree on 3 things");
  });
});
