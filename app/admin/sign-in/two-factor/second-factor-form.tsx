"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import styles from "../../admin.module.css";
import { secondFactorAction, type SecondFactorState } from "../actions";
import { adminPaths } from "@/lib/site/paths";

const initial: SecondFactorState = { message: null };

function Submit() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={styles.primary} disabled={pending}>
      {pending ? "Checking…" : "Continue"}
    </button>
  );
}

export function SecondFactorForm({ next }: { next: string }) {
  const [state, action] = useActionState(secondFactorAction, initial, adminPaths.secondFactor);
  return (
    <form action={action} className={styles.signIn} noValidate>
      <input type="hidden" name="next" value={next} />
      <div role="alert" aria-live="assertive" className={styles.formMessage}>
        {state.message}
      </div>
      <label htmlFor="code">Code</label>
      <input id="code" name="code" type="text" inputMode="text" autoComplete="one-time-code" required maxLength={40} autoFocus />
      <Submit />
    </form>
  );
}
