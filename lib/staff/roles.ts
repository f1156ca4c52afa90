import type { StaffRole } from "@/db/staff";

export const STAFF_ROLES = ["owner", "finance", "read-only"] as const satisfies readonly StaffRole[];

/**
 * What each entry point of the staff area needs. `self` is one's own account (sessions, password,
 * two-factor); `view` the figures, gifts and supporters on screen; `export` the CSV with e-mail
 * addresses; `reconcile` writing to the ledger from Stripe; `audit` the record of what staff did;
 * `resend` sending a supporter's e-mail again from the outbox.
 */
const RIGHTS = {
  self: ["owner", "finance", "read-only"],
  view: ["owner", "finance", "read-only"],
  export: ["owner", "finance"],
  reconcile: ["owner", "finance"],
  audit: ["owner"],
  resend: ["owner", "finance"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffPermission = keyof typeof RIGHTS;

export const STAFF_PERMISSIONS = Object.keys(RIGHTS) as StaffPermission[];

export const can = (role: StaffRole, permission: StaffPermission): boolean => (RIGHTS[permission] as readonly StaffRole[]).includes(role);

export const isStaffRole = (value: unknown): value is StaffRole => typeof value === "string" && (STAFF_ROLES as readonly string[]).includes(value);
