"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import type { StaffActionState } from "../../_lib/auth";
import styles from "../../admin.module.css";
import { changePasswordAction, endSessionAction, type PasswordState } from "./actions";
import { adminPaths } from "@/lib/site/paths";

const idle: StaffActionState = { status: null, message: null };

function Submit({ idleLabel, busyLabel }: { idleLabel: string; busyLabel: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending}>
      {pending ? busyLabel : idleLabel}
    </button>
  );
}

function Message({ state }: { state: StaffActionState }) {
  return (
    <div role="status" aria-live="polite">
      {state.message && <p className={state.status === 200 ? styles.notice : styles.formMessage}>{state.message}</p>}
    </div>
  );
}

/** One form around the session table: each row's "End" button and "End all other sessions" submit their own value. */
export function SessionsForm({ children }: { children: React.ReactNode }) {
  const [state, action] = useActionState(endSessionAction, idle, adminPaths.account);
  return (
    <form action={action}>
      <Message state={state} />
      {children}
    </form>
  );
}

const initialPassword: PasswordState = { status: null, message: null, fieldErrors: {} };

export function ChangePasswordForm({ email }: { email: string }) {
  const [state, action] = useActionState(changePasswordAction, initialPassword, adminPaths.account);
  const field = (name: "current" | "password" | "repeat", label: string, autoComplete: string) => (
    <>
      <label htmlFor={`pw-${name}`}>{label}</label>
      <input id={`pw-${name}`} name={name} type="password" autoComplete={autoComplete} required aria-invalid={Boolean(state.fieldErrors[name])} aria-describedby={state.fieldErrors[name] ? `pw-${name}-error` : undefined} />
      {state.fieldErrors[name] && (
        <p id={`pw-${name}-error`} className={styles.fieldError}>
          {state.fieldErrors[name]}
        </p>
      )}
    </>
  );
  return (
    <form action={action} className={`${styles.signIn} ${styles.narrow}`} noValidate>
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <Message state={state} />
      {field("current", "Current password", "current-password")}
      {field("password", "New password (12 characters or more)", "new-password")}
      {field("repeat", "New password again", "new-password")}
      <Submit idleLabel="Change password" busyLabel="Changing…" />
    </form>
  );
}
