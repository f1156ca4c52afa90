"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { parsePeriod } from "@/lib/admin/period";
import { adminPaths } from "@/lib/site/paths";
import { audit } from "@/lib/staff/audit";
import { endStaffSession } from "@/lib/staff/session";
import { describeReport, runReconciliation } from "@/lib/stripe/reconcile";
import { logEvent } from "@/lib/log";
import { currentStaff, staffAction, type StaffActionState } from "../_lib/auth";

/** Ends this session (its row goes), whoever asks: there is nothing to protect in signing out. */
export async function signOutAction(_previous: null, _form: FormData): Promise<null> {
  const staff = await currentStaff();
  try {
    if (staff) await audit(await headers(), staff, "sign-out");
    await endStaffSession(await cookies());
  } catch (error) {
    logEvent("error", "staff.sign_out.failed", { error, staffId: staff?.id });
    throw error;
  }
  redirect(`${adminPaths.signIn}?signed_out=1`);
}

export type ReconcileState = StaffActionState & { lines: string[] };

const reconcileForm = z.object({
  period: z.enum(["month", "30d", "90d", "custom"], "That period could not be read.").default("month"),
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
});

/** The dashboard's "Reconcile with Stripe" button, for the period on screen. */
export const reconcileAction = staffAction(
  reconcileForm,
  async (input, staff, { headers }): Promise<ReconcileState> => {
    const period = parsePeriod(input);
    if (period.problems.length > 0) return { status: 400, message: `Nothing was reconciled. ${period.problems.join(" ")}`, lines: [] };
    await audit(headers, staff, "reconcile", { from: period.firstDay, to: period.lastDay, via: "dashboard" });
    const { report } = await runReconciliation({ from: period.from, to: period.to, startedBy: staff.email });
    const added = Object.values(report.added).reduce((n, v) => n + v, 0);
    return {
      status: 200,
      message: `Reconciled ${period.label}: ${added === 0 ? "nothing was missing" : `${added} ledger row${added === 1 ? "" : "s"} added`}, ${report.disagreements.length} disagreement${report.disagreements.length === 1 ? "" : "s"}.`,
      lines: describeReport(report),
    };
  },
  {
    name: "reconcile",
    permission: "reconcile",
    empty: { lines: [] },
    failure: "Reconciliation failed: Stripe could not be reached or the ledger could not be written. Nothing was half-written; try again.",
  },
);
