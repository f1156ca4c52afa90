import { z } from "zod";
import { logEvent } from "@/lib/log";
import { parseUtcDay, utcDayRange } from "@/lib/site/days";
import { describeReport, runReconciliation } from "@/lib/stripe/reconcile";
import { audit } from "@/lib/staff/audit";
import { PRIVATE_HEADERS, staffRoute } from "../../_lib/auth";

export const dynamic = "force-dynamic";

const body = z.object({ from: z.string(), to: z.string() });

/**
 * POST {"from": "2026-11-01", "to": "2026-11-30"} (whole UTC days, both included): reconciles
 * Stripe with the ledger for that period and answers the report. Staff session and own origin required.
 */
export const POST = staffRoute("reconcile", async (request, staff) => {
  const parsed = body.safeParse(await request.json().catch(() => null));
  const first = parseUtcDay(parsed.data?.from);
  const last = parseUtcDay(parsed.data?.to);
  if (!first || !last || first > last) {
    return Response.json({ error: 'Send {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"} with from on or before to.' }, { status: 400, headers: PRIVATE_HEADERS });
  }
  try {
    await audit(request.headers, staff, "reconcile", { from: parsed.data!.from, to: parsed.data!.to, via: "api" });
    const { runId, report } = await runReconciliation({ ...utcDayRange(first, last), startedBy: staff.email });
    return Response.json({ runId, report, summary: describeReport(report) }, { headers: PRIVATE_HEADERS });
  } catch (error) {
    logEvent("error", "staff.reconcile.failed", { error, staffId: staff.id });
    return Response.json({ error: "Reconciliation failed; nothing was half-written. Try again." }, { status: 502, headers: PRIVATE_HEADERS });
  }
});
