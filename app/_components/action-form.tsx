"use client";

import { useActionState, type FormHTMLAttributes } from "react";

type Props = Omit<FormHTMLAttributes<HTMLFormElement>, "action"> & {
  /** A server action that answers with a redirect (or nothing). */
  action: (previous: null, form: FormData) => Promise<null>;
  /** Where the form posts before JavaScript runs: a page that handles the action (its `action` attribute). */
  permalink: string;
};

/**
 * A server-action form for server components. Given the action itself, React writes `action=""`
 * (invalid HTML: the Nu checker refuses an empty action); useActionState's permalink gives it a real one.
 */
export function ActionForm({ action, permalink, ...props }: Props) {
  const [, formAction] = useActionState(action, null, permalink);
  return <form {...props} action={formAction} />;
}
