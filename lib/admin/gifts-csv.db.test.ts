import { beforeAll, describe, expect, it } from "vitest";
import { NOVEMBER, seedLedgerFixture } from "@/db/testing/ledger-fixture";
import { processEventOnce, recordGift } from "@/db/donations";
import { giftCsvStream, GIFT_CSV_HEADER } from "./gifts-csv";

beforeAll(async () => {
  await seedLedgerFixture();
  await processEventOnce({ id: "evt_csv_hostile", type: "test", created: new Date() }, async (ledger) => {
    await recordGift(ledger, { frequency: "once", amount: 4200, currency: "eur", paidAt: new Date("2026-11-29T08:00:00Z"), stripePaymentIntentId: "pi_hostile", email: '=cmd|"/c calc"!A1,x@example.org', campaign: "spring, \"big\"\nappeal" });
  });
});

async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
  // Keep the byte-order mark: Response.text() would drop it.
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

/** A small RFC 4180 reader, enough to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += c;
  }
  return rows;
}

describe("giftCsvStream", () => {
  it("exports the filtered gifts with amounts in major units and the currency code", async () => {
    const text = await read(giftCsvStream({ period: NOVEMBER, frequency: "once" }));
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(GIFT_CSV_HEADER);
    const byPi = Object.fromEntries(rows.slice(1).map((r) => [r[13], r]));
    expect(rows).toHaveLength(1 + 6);
    expect(byPi.pi_f1!.slice(2, 8)).toEqual(["once", "paid", "10.00", "0.00", "0.00", "EUR"]);
    expect(byPi.pi_f2!.slice(3, 8)).toEqual(["refunded", "30.00", "0.00", "30.00", "EUR"]);
    expect(byPi.pi_f3!.slice(3, 8)).toEqual(["partially_refunded", "25.00", "0.00", "5.00", "USD"]);
    expect(byPi.pi_f8!.slice(4, 8)).toEqual(["3000", "0", "0", "JPY"]);
    expect(byPi.pi_f1![0]).toBe("2026-11-02T09:00:00.000Z");
  });

  it("escapes commas, quotes and line breaks, and defuses formulas", async () => {
    const rows = parseCsv((await read(giftCsvStream({ period: NOVEMBER, search: "pi_hostile" }))).slice(1));
    expect(rows).toHaveLength(2);
    expect(rows[1]![8]).toBe("'=cmd|\"/c calc\"!A1,x@example.org");
    expect(rows[1]![11]).toBe('spring, "big"\nappeal');
  });
});
