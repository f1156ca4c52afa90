import { parseGiftQuery } from "@/lib/admin/gift-filters";
import { giftCsvStream } from "@/lib/admin/gifts-csv";
import { audit } from "@/lib/staff/audit";
import { PRIVATE_HEADERS, staffRoute } from "../../../_lib/auth";

export const dynamic = "force-dynamic";

/** The filtered gifts as a CSV download, streamed from the database as it is read. */
export const GET = staffRoute("export", async (request, staff) => {
  const url = new URL(request.url);
  const query = parseGiftQuery(Object.fromEntries(url.searchParams));
  await audit(request.headers, staff, "export", { query: url.search });
  const name = `gifts-${query.period.firstDay}-to-${query.period.lastDay}.csv`;
  return new Response(giftCsvStream(query.filters), {
    headers: { ...PRIVATE_HEADERS, "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` },
  });
});
