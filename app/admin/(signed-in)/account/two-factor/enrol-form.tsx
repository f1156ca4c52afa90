"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import styles from "../../../admin.module.css";
import { enrolTwoFactorAction, type EnrolState } from "../actions";
import { adminPaths } from "@/lib/site/paths";

const initial: EnrolState = { status: null, message: null, recoveryCodes: [] };

function Submit() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={styles.primary} disabled={pending}>
      {pending ? "Checking…" : "Turn on two-factor sign-in"}
    </button>
  );
}

/** `replacing`: an authenticator is already set up, so the password is asked for as well. */
export function EnrolForm({ sealed, replacing }: { sealed: string; replacing: boolean }) {
  const [state, action] = useActionState(enrolTwoFactorAction, initial, adminPaths.enrol);
  if (state.status === 200) {
    return (
      <section aria-labelledby="recovery-heading" role="status">
        <h2 id="recovery-heading">Your recovery codes</h2>
        <p className={styles.notice}>{state.message}</p>
        <ul className={styles.recoveryCodes} aria-label="Recovery codes">
          {state.recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <p>
          <Link href="/admin">I have kept them: go to the dashboard</Link>
        </p>
      </section>
    );
  }
  return (
    <form action={action} className={`${styles.signIn} ${styles.narrow}`} noValidate>
      <input type="hidden" name="sealed" value={sealed} />
      <div role="alert" aria-live="assertive" className={styles.formMessage}>
        {state.message}
      </div>
      {replacing && (
        <>
          <label htmlFor="current">Current password</label>
          <input id="current" name="current" type="password" autoComplete="current-password" required />
        </>
      )}
      <label htmlFor="code">Code from the app</label>
      <input id="code" name="code" type="text" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]*" maxLength={12} required />
      <Submit />
    </form>
  );
}
