import { recordStaffAction } from "@/db/staff-audit";
import type { StaffAccount } from "@/db/staff";
import { clientKey } from "@/lib/donations/checkout-limits";

type Headers = { get(name: string): string | null };

/** The facts about a request that a session row and the audit log keep: never the address itself. */
export const requestFacts = (headers: Headers) => ({ addressHash: clientKey(headers), userAgent: headers.get("user-agent") ?? "" });

/** One line in the audit log. It is awaited: an export or a reconciliation that cannot be recorded does not happen. */
export async function audit(headers: Headers, who: Pick<StaffAccount, "id" | "email"> | { id: null; email: string }, action: string, detail: Record<string, unknown> = {}): Promise<void> {
  await recordStaffAction({ staffId: who.id, email: who.email, action, detail, addressHash: clientKey(headers) });
}
