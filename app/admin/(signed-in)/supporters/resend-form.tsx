"use client";

import { useActionState } from "react";
import type { StaffActionState } from "../../_lib/auth";
import styles from "../../admin.module.css";
import { resendEmailAction } from "./actions";
import { adminPaths } from "@/lib/site/paths";

const initial: StaffActionState = { status: null, message: null };

export function ResendForm({ outboxId }: { outboxId: number }) {
  const [state, action, pending] = useActionState(resendEmailAction, initial, adminPaths.supporters);
  return (
    <form action={action}>
      <input type="hidden" name="outbox_id" value={outboxId} />
      <button type="submit" disabled={pending}>
        Send again
      </button>
      <span role="status" aria-live="polite">
        {state.message && <span className={state.status === 200 ? styles.notice : styles.formMessage}>{state.message}</span>}
      </span>
    </form>
  );
}
