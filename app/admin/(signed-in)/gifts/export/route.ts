import { giftCsvFileName, parseGiftQuery } from "@/lib/admin/gift-filters";
import { giftCsvStream } from "@/lib/admin/gifts-csv";
import { audit } from "@/lib/staff/audit";
import { PRIVATE_HEADERS, staffRoute } from "../../../_lib/auth";

export const dynamic = "force-dynamic";

/** The filtered gifts as a CSV download, streamed from the database as it is read. */
export const GET = staffRoute("export", async (request, staff) => {
  const url = new URL(request.url);
  const query = parseGiftQuery(Object.fromEntries(url.searchParams));
  if (query.problems.length > 0) {
    return new Response(`Nothing was exported. ${query.problems.join(" ")}\n`, { status: 400, headers: { ...PRIVATE_HEADERS, "content-type": "text/plain; charset=utf-8" } });
  }
  await audit(request.headers, staff, "export", { query: url.search });
  const name = giftCsvFileName(query);
  return new Response(giftCsvStream(query.filters), {
    headers: { ...PRIVATE_HEADERS, "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` },
  });
});
