import "server-only";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { unstable_rethrow } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import type { StaffAccount } from "@/db/staff";
import type { StaffSession } from "@/db/staff-sessions";
import { safeNextPath } from "@/lib/admin/request";
import { logEvent } from "@/lib/log";
import { adminPaths } from "@/lib/site/paths";
import { isSameOriginRequest } from "@/lib/site/origin";
import { can, type StaffPermission } from "@/lib/staff/roles";
import { readStaffSession, type StaffSessionContext } from "@/lib/staff/session";

/** The session this request carries, at any stage (a code still due, enrolment required), read once per request. */
export const currentSession = cache(async (): Promise<StaffSessionContext | null> => readStaffSession(await cookies()));

/** The fully signed-in staff account for this request, or null. */
export const currentStaff = cache(async (): Promise<StaffAccount | null> => {
  const context = await currentSession();
  return context?.session.stage === "complete" ? context.account : null;
});

/** The fully signed-in session (for the account page: which one is "this"). */
export const currentStaffSession = cache(async (): Promise<StaffSession | null> => {
  const context = await currentSession();
  return context?.session.stage === "complete" ? context.session : null;
});

export const signInPath = (here: string) => `${adminPaths.signIn}?next=${encodeURIComponent(safeNextPath(here))}`;

/**
 * For pages: the account, if its role may do `permission`. Without a session: a redirect to
 * sign-in that comes back to `here` afterwards (or to the code or enrolment step a half-finished
 * sign-in is at). A role without the right gets the staff area's 404. `enrolling` lets a session
 * that must enrol a second factor in (the enrolment page only).
 */
export async function requireStaff(here: string, permission: StaffPermission, options: { enrolling?: boolean } = {}): Promise<StaffAccount> {
  const context = await currentSession();
  const stage = context?.session.stage;
  if (!context || stage === "second-factor") redirect(stage === "second-factor" ? `${adminPaths.secondFactor}?next=${encodeURIComponent(safeNextPath(here))}` : signInPath(here));
  if (stage === "enrol" && !options.enrolling) redirect(adminPaths.enrol);
  if (!can(context.account.role, permission)) notFound();
  return context.account;
}

export const PRIVATE_HEADERS = { "cache-control": "private, no-store", "x-robots-tag": "noindex, nofollow" };

/** For route handlers: what they answer when nobody is signed in. */
export function unauthorized(): Response {
  return Response.json({ error: "Sign in to the staff area first." }, { status: 401, headers: PRIVATE_HEADERS });
}

export function forbidden(): Response {
  return Response.json({ error: "Your role does not allow this." }, { status: 403, headers: PRIVATE_HEADERS });
}

/** What every staff server action answers: a status for the form to style, and one sentence for staff. */
export type StaffActionState = { status: 200 | 400 | 401 | 403 | 500 | null; message: string | null };

const UNAUTHORIZED_MESSAGE = "Your session has ended. Sign in again to continue.";
const FORBIDDEN_MESSAGE = "Your role does not allow this. An owner can change it.";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A browser following a link or typing the address (not fetch, not a script), which should see the sign-in page rather than JSON. */
const isNavigation = (request: Request) =>
  request.method === "GET" && (request.headers.get("sec-fetch-mode") === "navigate" || (request.headers.get("accept") ?? "").includes("text/html"));

/**
 * Every staff route handler: a request that changes something must come from the site itself (the
 * session cookie alone would ride along on another site's `text/plain` POST where SameSite does not
 * stop it), then a staff session whose role may do `permission` is required.
 */
export function staffRoute(permission: StaffPermission, handler: (request: Request, staff: StaffAccount) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!SAFE_METHODS.has(request.method) && !isSameOriginRequest(request.headers)) {
      return Response.json({ error: "Cross-origin requests are not accepted here." }, { status: 403, headers: PRIVATE_HEADERS });
    }
    const staff = await currentStaff();
    if (!staff) {
      if (!isNavigation(request)) return unauthorized();
      const url = new URL(request.url);
      return new Response(null, { status: 303, headers: { ...PRIVATE_HEADERS, location: signInPath(`${url.pathname}${url.search}`) } });
    }
    if (!can(staff.role, permission)) return forbidden();
    return handler(request, staff);
  };
}

/**
 * Every staff server action: a fully signed-in session first (without one the handler never runs
 * and the form gets 401; `enrolling`: or one that may only enrol a second factor), a role that may do `permission` (403), then the form parsed by `schema`
 * (400 with the first problem), then the handler. What the handler throws, other than a redirect,
 * is logged as `staff.<name>.failed` and answered with `failure`, never with the error's own text.
 * `empty` fills the state's other fields when the wrapper answers by itself.
 */
export function staffAction<Schema extends z.ZodType, State extends StaffActionState>(
  schema: Schema,
  handler: (input: z.output<Schema>, staff: StaffAccount, context: { session: StaffSession; headers: Headers }) => Promise<State>,
  options: { name: string; permission: StaffPermission; enrolling?: boolean; empty: Omit<State, keyof StaffActionState>; failure: string },
): (previous: State, form: FormData) => Promise<State> {
  const answer = (status: 400 | 401 | 403 | 500, message: string) => ({ ...options.empty, status, message }) as State;
  return async (_previous, form) => {
    const context = await currentSession();
    const allowed = context && (context.session.stage === "complete" || (options.enrolling && context.session.stage === "enrol"));
    if (!context || !allowed) return answer(401, UNAUTHORIZED_MESSAGE);
    const { account: staff, session } = context;
    if (!can(staff.role, options.permission)) return answer(403, FORBIDDEN_MESSAGE);
    // React adds its own `$ACTION_…` fields to a form posted before hydration.
    const parsed = schema.safeParse(Object.fromEntries([...form.entries()].filter(([key]) => !key.startsWith("$"))));
    if (!parsed.success) return answer(400, parsed.error.issues[0]?.message ?? "That form could not be read.");
    try {
      return await handler(parsed.data, staff, { session, headers: await headers() });
    } catch (error) {
      unstable_rethrow(error);
      logEvent("error", `staff.${options.name}.failed`, { error, staffId: staff.id });
      return answer(500, options.failure);
    }
  };
}
