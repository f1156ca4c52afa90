"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import styles from "../admin.module.css";
import { adminPaths } from "@/lib/site/paths";
import { signInAction, type SignInState } from "./actions";

const initial: SignInState = { message: null, fieldErrors: {}, values: {} };

function Submit() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={styles.primary} disabled={pending}>
      {pending ? "Signing in…" : "Sign in"}
    </button>
  );
}

/** A plain form POST to the server action, so it works before (or without) JavaScript. */
export function SignInForm({ next }: { next: string }) {
  // The permalink is the form's `action` before JavaScript runs (without one React writes `action=""`, invalid HTML).
  const [state, action] = useActionState(signInAction, initial, adminPaths.signIn);
  return (
    <form action={action} className={styles.signIn} noValidate>
      <input type="hidden" name="next" value={next} />
      <div role="alert" aria-live="assertive" className={styles.formMessage}>
        {state.message}
      </div>
      <label htmlFor="email">E-mail</label>
      <input id="email" name="email" type="email" autoComplete="username" required defaultValue={state.values.email} aria-invalid={Boolean(state.fieldErrors.email)} aria-describedby={state.fieldErrors.email ? "email-error" : undefined} />
      {state.fieldErrors.email && (
        <p id="email-error" className={styles.fieldError}>
          {state.fieldErrors.email}
        </p>
      )}
      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required aria-invalid={Boolean(state.fieldErrors.password)} aria-describedby={state.fieldErrors.password ? "password-error" : undefined} />
      {state.fieldErrors.password && (
        <p id="password-error" className={styles.fieldError}>
          {state.fieldErrors.password}
        </p>
      )}
      <Submit />
    </form>
  );
}
