"use server";

import { z } from "zod";
import { requeueFailedEmail } from "@/db/email-outbox";
import { staffAction, type StaffActionState } from "../../_lib/auth";

const resendForm = z.object({ outbox_id: z.coerce.number({ error: "That e-mail could not be found." }).int().positive("That e-mail could not be found.") });

/** The outbox's "Send again" for an e-mail the queue gave up on. */
export const resendEmailAction = staffAction(
  resendForm,
  async ({ outbox_id }): Promise<StaffActionState> => {
    const queued = await requeueFailedEmail(outbox_id);
    return queued
      ? { status: 200, message: "Queued again: the worker sends it within a minute." }
      : { status: 400, message: "That e-mail is not waiting to be resent (it was sent, or is already being retried)." };
  },
  { name: "resend_email", permission: "resend", empty: {}, failure: "The e-mail could not be queued again. Nothing changed; try again." },
);
