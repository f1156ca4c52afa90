import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { unstable_rethrow } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import type { StaffAccount } from "@/db/staff";
import { safeNextPath } from "@/lib/admin/request";
import { logEvent } from "@/lib/log";
import { isSameOriginRequest } from "@/lib/site/origin";
import { readStaffSession } from "@/lib/staff/session";

/** The signed-in staff account for this request, read once per request. */
export const currentStaff = cache(async (): Promise<StaffAccount | null> => readStaffSession(await cookies()));

/** For pages: the account, or a redirect to sign-in that comes back to `here` afterwards. */
export async function requireStaff(here: string): Promise<StaffAccount> {
  const staff = await currentStaff();
  if (!staff) redirect(`/admin/sign-in?next=${encodeURIComponent(safeNextPath(here))}`);
  return staff;
}

export const PRIVATE_HEADERS = { "cache-control": "private, no-store", "x-robots-tag": "noindex, nofollow" };

/** For route handlers: what they answer when nobody is signed in. */
export function unauthorized(): Response {
  return Response.json({ error: "Sign in to the staff area first." }, { status: 401, headers: PRIVATE_HEADERS });
}

/** What every staff server action answers: a status for the form to style, and one sentence for staff. */
export type StaffActionState = { status: 200 | 400 | 401 | 500 | null; message: string | null };

const UNAUTHORIZED_MESSAGE = "Your session has ended. Sign in again to continue.";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every staff route handler: a request that changes something must come from the site itself (the
 * session cookie alone would ride along on another site's `text/plain` POST where SameSite does not
 * stop it), then a staff session is required.
 */
export function staffRoute(handler: (request: Request, staff: StaffAccount) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!SAFE_METHODS.has(request.method) && !isSameOriginRequest(request.headers)) {
      return Response.json({ error: "Cross-origin requests are not accepted here." }, { status: 403, headers: PRIVATE_HEADERS });
    }
    const staff = await currentStaff();
    if (!staff) return unauthorized();
    return handler(request, staff);
  };
}

/**
 * Every staff server action: a staff session first (without one the handler never runs and the form
 * gets 401), then the form parsed by `schema` (400 with the first problem), then the handler. What
 * the handler throws, other than a redirect, is logged as `staff.<name>.failed` and answered with
 * `failure`, never with the error's own text. `empty` fills the state's other fields when the wrapper
 * answers by itself.
 */
export function staffAction<Schema extends z.ZodType, State extends StaffActionState>(
  schema: Schema,
  handler: (input: z.output<Schema>, staff: StaffAccount) => Promise<State>,
  options: { name: string; empty: Omit<State, keyof StaffActionState>; failure: string },
): (previous: State, form: FormData) => Promise<State> {
  const answer = (status: 400 | 401 | 500, message: string) => ({ ...options.empty, status, message }) as State;
  return async (_previous, form) => {
    const staff = await currentStaff();
    if (!staff) return answer(401, UNAUTHORIZED_MESSAGE);
    // React adds its own `$ACTION_…` fields to a form posted before hydration.
    const parsed = schema.safeParse(Object.fromEntries([...form.entries()].filter(([key]) => !key.startsWith("$"))));
    if (!parsed.success) return answer(400, parsed.error.issues[0]?.message ?? "That form could not be read.");
    try {
      return await handler(parsed.data, staff);
    } catch (error) {
      unstable_rethrow(error);
      logEvent("error", `staff.${options.name}.failed`, { error, staffId: staff.id });
      return answer(500, options.failure);
    }
  };
}
