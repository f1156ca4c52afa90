"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import type { ChosenPeriod } from "@/lib/admin/period";
import styles from "../admin.module.css";
import { reconcileAction, type ReconcileState } from "./actions";
import { adminPaths } from "@/lib/site/paths";

const initial: ReconcileState = { status: null, message: null, lines: [] };

function Submit() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending}>
      {pending ? "Reconciling…" : "Reconcile with Stripe"}
    </button>
  );
}

export function ReconcileForm({ period }: { period: Pick<ChosenPeriod, "choice" | "firstDay" | "lastDay" | "label"> }) {
  const [state, action] = useActionState(reconcileAction, initial, adminPaths.dashboard);
  return (
    <form action={action} className={styles.reconcile}>
      <input type="hidden" name="period" value={period.choice} />
      <input type="hidden" name="from" value={period.firstDay} />
      <input type="hidden" name="to" value={period.lastDay} />
      <p>
        Compare Stripe with the ledger for <strong>{period.label}</strong>, add what the webhooks missed, and list what disagrees.
      </p>
      <Submit />
      <div role="status" aria-live="polite">
        {state.message && <p className={state.status === 200 ? styles.notice : styles.formMessage}>{state.message}</p>}
        {state.lines.length > 0 && <pre className={styles.report}>{state.lines.join("\n")}</pre>}
      </div>
    </form>
  );
}
