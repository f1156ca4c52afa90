import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { StaffAccount } from "@/db/staff";
import { safeNextPath } from "@/lib/admin/request";
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

/** What a server action answers when nobody is signed in (the form shows it; nothing else happens). */
export const UNAUTHORIZED_STATE = { status: 401 as const, message: "Your session has ended. Sign in again to continue." };

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
