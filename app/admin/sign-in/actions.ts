"use server";

import { logEvent } from "@/lib/log";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientAddress, safeNextPath } from "@/lib/admin/request";
import { env } from "@/lib/env";
import { adminPaths } from "@/lib/site/paths";
import { audit, requestFacts } from "@/lib/staff/audit";
import { checkSecondFactor } from "@/lib/staff/second-factor";
import { signIn } from "@/lib/staff/sign-in";
import { completeStaffSession, endStaffSession, readStaffSession, startStaffSession } from "@/lib/staff/session";

export type SignInState = { message: string | null; fieldErrors: { email?: string; password?: string }; values: { email?: string } };

const signInForm = z.object({
  email: z.string().trim().min(1, "Enter your e-mail address.").max(254, "That e-mail address is too long."),
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
  next: z.string().optional(),
});

/**
 * Checks the password under the throttle, then starts a session: complete, or (with two-factor
 * enrolled) waiting for a code, or (when two-factor is required and not yet enrolled) good only for
 * enrolling. Then on to where staff were heading, or to the step still due.
 */
export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInForm.safeParse({ email: form.get("email") ?? "", password: form.get("password") ?? "", next: form.get("next") ?? undefined });
  const email = typeof form.get("email") === "string" ? String(form.get("email")).slice(0, 254) : "";
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    return { message: "Please fill in both fields.", fieldErrors: { email: errors.email?.[0], password: errors.password?.[0] }, values: { email } };
  }
  const requestHeaders = await headers();
  const next = safeNextPath(parsed.data.next);
  let goTo: string;
  try {
    const result = await signIn({ email: parsed.data.email, password: parsed.data.password, ip: clientAddress(requestHeaders) });
    if (!result.ok) {
      // Refused attempts are not written here too: a guessing run must not grow the log without bound
      // (sign_in_attempts keeps them for a day, which is what the throttle needs).
      if (result.reason === "invalid") await audit(requestHeaders, { id: null, email: parsed.data.email.toLowerCase() }, "sign-in.failed");
      return { message: lockedOrInvalid(result), fieldErrors: {}, values: { email } };
    }
    const account = result.account;
    const stage = account.twoFactor ? "second-factor" : env.STAFF_REQUIRE_2FA === "1" ? "enrol" : "complete";
    const store = await cookies();
    // A session this browser had before (another account, a half-finished sign-in) ends here.
    await endStaffSession(store);
    await startStaffSession(store, account, stage, requestFacts(requestHeaders));
    await audit(requestHeaders, account, stage === "complete" ? "sign-in" : "sign-in.password", { stage });
    goTo = stage === "second-factor" ? `${adminPaths.secondFactor}?next=${encodeURIComponent(next)}` : stage === "enrol" ? adminPaths.enrol : next;
  } catch (error) {
    logEvent("error", "staff.sign_in.failed", { error });
    return { message: "Signing in is not possible just now. Please try again in a moment.", fieldErrors: {}, values: { email } };
  }
  redirect(goTo);
}

function lockedOrInvalid(result: { reason: "invalid" } | { reason: "locked"; retryInMinutes: number }): string {
  return result.reason === "locked"
    ? `Too many attempts, try again in ${result.retryInMinutes} minute${result.retryInMinutes === 1 ? "" : "s"}.`
    : "That e-mail address and password do not match a staff account.";
}

export type SecondFactorState = { message: string | null };

const secondFactorForm = z.object({
  code: z.string().trim().min(1, "Enter the code from your authenticator app, or a recovery code.").max(40, "That code is too long."),
  next: z.string().optional(),
});

/**
 * The second step of signing in: for a session whose password was right, a code from the
 * authenticator app or a recovery code. Right: the session is complete, under a new token. Wrong
 * five times: refused for a while.
 */
export async function secondFactorAction(_previous: SecondFactorState, form: FormData): Promise<SecondFactorState> {
  const parsed = secondFactorForm.safeParse({ code: form.get("code") ?? "", next: form.get("next") ?? undefined });
  if (!parsed.success) return { message: parsed.error.issues[0]?.message ?? "Enter the code." };
  const next = safeNextPath(parsed.data.next);
  const requestHeaders = await headers();
  const store = await cookies();
  try {
    const context = await readStaffSession(store);
    if (!context || context.session.stage !== "second-factor") return { message: "This sign-in has expired. Start again with your e-mail and password." };
    const result = await checkSecondFactor({ account: context.account, code: parsed.data.code, ip: clientAddress(requestHeaders) });
    if (!result.ok) {
      if (result.reason === "invalid") await audit(requestHeaders, context.account, "sign-in.second-factor.failed");
      return { message: result.reason === "locked" ? lockedOrInvalid(result) : "That code is not right (or was already used). Try the newest code." };
    }
    if (!(await completeStaffSession(store, context.session))) return { message: "This sign-in has expired. Start again with your e-mail and password." };
    await audit(requestHeaders, context.account, "sign-in", { secondFactor: result.method });
  } catch (error) {
    logEvent("error", "staff.second_factor.failed", { error });
    return { message: "Signing in is not possible just now. Please try again in a moment." };
  }
  redirect(next);
}
