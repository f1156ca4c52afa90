"use server";

import { logEvent } from "@/lib/log";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientAddress, safeNextPath } from "@/lib/admin/request";
import { signIn } from "@/lib/staff/sign-in";
import { startStaffSession } from "@/lib/staff/session";

export type SignInState = { message: string | null; fieldErrors: { email?: string; password?: string }; values: { email?: string } };

const signInForm = z.object({
  email: z.string().trim().min(1, "Enter your e-mail address.").max(254, "That e-mail address is too long."),
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
  next: z.string().optional(),
});

/** Checks the password under the throttle, then sets the session cookie and goes where staff were heading. */
export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInForm.safeParse({ email: form.get("email") ?? "", password: form.get("password") ?? "", next: form.get("next") ?? undefined });
  const email = typeof form.get("email") === "string" ? String(form.get("email")).slice(0, 254) : "";
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    return { message: "Please fill in both fields.", fieldErrors: { email: errors.email?.[0], password: errors.password?.[0] }, values: { email } };
  }
  let result: Awaited<ReturnType<typeof signIn>>;
  try {
    result = await signIn({ email: parsed.data.email, password: parsed.data.password, ip: clientAddress(await headers()) });
  } catch (error) {
    logEvent("error", "staff.sign_in.failed", { error });
    return { message: "Signing in is not possible just now. Please try again in a moment.", fieldErrors: {}, values: { email } };
  }
  if (!result.ok) {
    const message =
      result.reason === "locked"
        ? `Too many attempts, try again in ${result.retryInMinutes} minute${result.retryInMinutes === 1 ? "" : "s"}.`
        : "That e-mail address and password do not match a staff account.";
    return { message, fieldErrors: {}, values: { email } };
  }
  await startStaffSession(await cookies(), result.account);
  redirect(safeNextPath(parsed.data.next));
}
