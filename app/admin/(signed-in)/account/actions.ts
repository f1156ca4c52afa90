"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { changeStaffPassword, enableStaffTotp } from "@/db/staff";
import { endOtherStaffSessions, endOwnStaffSession } from "@/db/staff-sessions";
import { clientAddress } from "@/lib/admin/request";
import { adminPaths } from "@/lib/site/paths";
import { audit } from "@/lib/staff/audit";
import { hashPassword, passwordProblem } from "@/lib/staff/password";
import { completeStaffSession } from "@/lib/staff/session";
import { signIn } from "@/lib/staff/sign-in";
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode, openSecret, totpStep } from "@/lib/staff/two-factor";
import { staffAction, type StaffActionState } from "../../_lib/auth";

const endSessionForm = z.object({
  session: z.union([z.literal("others"), z.string().regex(/^[0-9a-f]{64}$/)], "That session could not be read."),
});

/** The session list's buttons: "End" beside one session (its token hash), or "End all other sessions". */
export const endSessionAction = staffAction(
  endSessionForm,
  async (input, staff, { session, headers }): Promise<StaffActionState> => {
    if (input.session === "others") {
      const n = await endOtherStaffSessions(staff.id, session.tokenHash);
      await audit(headers, staff, "sessions.ended-others", { count: n });
      revalidatePath(adminPaths.account);
      return { status: 200, message: n === 0 ? "There were no other sessions." : `Ended ${n} other session${n === 1 ? "" : "s"}.` };
    }
    if (input.session === session.tokenHash) return { status: 400, message: "To end this session, sign out." };
    const ended = await endOwnStaffSession(staff.id, input.session);
    if (ended) await audit(headers, staff, "session.ended");
    revalidatePath(adminPaths.account);
    return { status: 200, message: ended ? "That session has ended." : "That session had already ended." };
  },
  { name: "end_session", permission: "self", empty: {}, failure: "The session could not be ended just now. Try again." },
);

export type PasswordState = StaffActionState & { fieldErrors: { current?: string; password?: string; repeat?: string } };

const passwordForm = z
  .object({
    current: z.string().min(1, "Enter your current password.").max(1024),
    password: z.string().max(2048),
    repeat: z.string().max(2048),
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.password);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    else if (v.password !== v.repeat) ctx.addIssue({ code: "custom", path: ["repeat"], message: "The two new passwords differ." });
  });

/** A new password, checked against the current one under the sign-in throttle; every other session ends. */
export const changePasswordAction = staffAction(
  z.object({ current: z.string(), password: z.string(), repeat: z.string() }),
  async (raw, staff, { session, headers }): Promise<PasswordState> => {
    const parsed = passwordForm.safeParse(raw);
    if (!parsed.success) {
      const errors = z.flattenError(parsed.error).fieldErrors;
      return { status: 400, message: "The password was not changed.", fieldErrors: { current: errors.current?.[0], password: errors.password?.[0], repeat: errors.repeat?.[0] } };
    }
    const check = await signIn({ email: staff.email, password: parsed.data.current, ip: clientAddress(headers) });
    if (!check.ok) {
      const message = check.reason === "locked" ? `Too many attempts, try again in ${check.retryInMinutes} minutes.` : "That is not your current password.";
      return { status: 400, message: "The password was not changed.", fieldErrors: { current: message } };
    }
    await changeStaffPassword(staff.id, await hashPassword(parsed.data.password), session.tokenHash);
    await audit(headers, staff, "password.changed");
    revalidatePath(adminPaths.account);
    return { status: 200, message: "Your password is changed, and every other session of yours has ended.", fieldErrors: {} };
  },
  { name: "change_password", permission: "self", empty: { fieldErrors: {} }, failure: "The password could not be changed just now. Try again." },
);

export type EnrolState = StaffActionState & { recoveryCodes: string[] };

const enrolForm = z.object({
  sealed: z.string().min(1).max(500),
  code: z.string().trim().min(1, "Enter the 6-digit code your app shows.").max(12, "Enter the 6-digit code your app shows."),
  current: z.string().max(1024).optional(),
});

/**
 * Confirms enrolment with a first code from the app (so a mistyped or unscanned secret can never
 * lock anyone out), stores the secret and ten recovery codes, and shows the codes once. A session
 * that was only allowed to enrol becomes a full one.
 */
export const enrolTwoFactorAction = staffAction(
  enrolForm,
  async (input, staff, { session, headers }): Promise<EnrolState> => {
    // Replacing an authenticator that is already set up needs the password too: a session taken
    // over in a browser must not be able to move the account's second factor to a new phone.
    if (staff.twoFactor) {
      const check = input.current ? await signIn({ email: staff.email, password: input.current, ip: clientAddress(headers) }) : null;
      if (!check?.ok) {
        const message = check && check.reason === "locked" ? `Too many attempts, try again in ${check.retryInMinutes} minutes.` : "Enter your current password to replace your authenticator.";
        return { status: 400, message, recoveryCodes: [] };
      }
    }
    const secret = openSecret(input.sealed);
    if (!secret) return { status: 400, message: "That enrolment form has expired. Reload the page and scan the new code.", recoveryCodes: [] };
    const step = totpStep(secret, input.code.replace(/\s/g, ""));
    if (step === null) return { status: 400, message: "That code does not match. Check the app's clock and try the newest code.", recoveryCodes: [] };
    const codes = newRecoveryCodes();
    await enableStaffTotp(staff.id, input.sealed, step, codes.map((c) => hashRecoveryCode(normalizeRecoveryCode(c)!)));
    if (session.stage === "enrol") await completeStaffSession(await cookies(), session);
    await audit(headers, staff, "two-factor.enrolled");
    return { status: 200, message: "Two-factor sign-in is on. Keep these recovery codes somewhere safe, away from your phone: each works once, and they are shown only now.", recoveryCodes: codes };
  },
  { name: "enrol_two_factor", permission: "self", enrolling: true, empty: { recoveryCodes: [] }, failure: "Two-factor sign-in could not be turned on just now. Try again." },
);
