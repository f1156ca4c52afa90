"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { parsePeriod } from "@/lib/admin/period";
import { endStaffSession } from "@/lib/staff/session";
import { describeReport, runReconciliation } from "@/lib/stripe/reconcile";
import { currentStaff, UNAUTHORIZED_STATE } from "../_lib/auth";

export async function signOutAction(): Promise<void> {
  await endStaffSession(await cookies());
  redirect("/admin/sign-in?signed_out=1");
}

export type ReconcileState = { status: 200 | 400 | 401 | 500 | null; message: string | null; lines: string[] };

const reconcileForm = z.object({
  period: z.enum(["month", "30d", "90d", "custom"]).default("month"),
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
});

/** The dashboard's "Reconcile with Stripe" button, for the period on screen. */
export async function reconcileAction(_previous: ReconcileState, form: FormData): Promise<ReconcileState> {
  const staff = await currentStaff();
  if (!staff) return { ...UNAUTHORIZED_STATE, lines: [] };
  const parsed = reconcileForm.safeParse(Object.fromEntries([...form.entries()].filter(([k]) => !k.startsWith("$"))));
  if (!parsed.success) return { status: 400, message: "That period could not be read.", lines: [] };
  const period = parsePeriod(parsed.data);
  try {
    const { report } = await runReconciliation({ from: period.from, to: period.to, startedBy: staff.email });
    const added = Object.values(report.added).reduce((n, v) => n + v, 0);
    return {
      status: 200,
      message: `Reconciled ${period.label}: ${added === 0 ? "nothing was missing" : `${added} ledger row${added === 1 ? "" : "s"} added`}, ${report.disagreements.length} disagreement${report.disagreements.length === 1 ? "" : "s"}.`,
      lines: describeReport(report),
    };
  } catch (error) {
    console.error("reconciliation failed", error);
    return { status: 500, message: "Reconciliation failed: Stripe could not be reached or the ledger could not be written. Nothing was half-written; try again.", lines: [] };
  }
}
