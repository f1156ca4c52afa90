import { and, count, eq, gte, sql } from "drizzle-orm";
import { db } from "./client";
import { checkoutAttempts } from "./schema";

export type CheckoutLimits = { perClient: number; perSession: number; windowMinutes: number };
export type AttemptDecision = { allowed: true } | { allowed: false; reason: "client" | "session" };

/**
 * Counts this attempt against the client's and the browser session's recent allowed attempts and
 * records it, allowed or not. One transaction under an advisory lock per client, so a burst of
 * parallel attempts from one address cannot all slip under the limit together.
 */
export async function registerCheckoutAttempt(clientKey: string, sessionKey: string, limits: CheckoutLimits): Promise<AttemptDecision> {
  return (await db()).transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`checkout:${clientKey}`}))`);
    const since = new Date(Date.now() - limits.windowMinutes * 60_000);
    const recent = (key: "clientKey" | "sessionKey", value: string) =>
      tx
        .select({ n: count() })
        .from(checkoutAttempts)
        .where(and(eq(checkoutAttempts[key], value), eq(checkoutAttempts.allowed, true), gte(checkoutAttempts.at, since)));
    const [[byClient], [bySession]] = await Promise.all([recent("clientKey", clientKey), recent("sessionKey", sessionKey)]);
    const decision: AttemptDecision =
      Number(byClient?.n ?? 0) >= limits.perClient
        ? { allowed: false, reason: "client" }
        : Number(bySession?.n ?? 0) >= limits.perSession
          ? { allowed: false, reason: "session" }
          : { allowed: true };
    await tx.insert(checkoutAttempts).values({ clientKey, sessionKey, allowed: decision.allowed, reason: decision.allowed ? null : decision.reason });
    return decision;
  });
}

/** Refused attempts since a moment, for staff. */
export async function countRefusedCheckoutAttempts(since: Date): Promise<number> {
  const [row] = await (await db())
    .select({ n: count() })
    .from(checkoutAttempts)
    .where(and(eq(checkoutAttempts.allowed, false), gte(checkoutAttempts.at, since)));
  return Number(row?.n ?? 0);
}

/** Read-only: whether a client is already over its limit (for answering scripted clients early). */
export async function isClientOverCheckoutLimit(clientKey: string, limits: CheckoutLimits): Promise<boolean> {
  const since = new Date(Date.now() - limits.windowMinutes * 60_000);
  const [row] = await (await db())
    .select({ n: count() })
    .from(checkoutAttempts)
    .where(and(eq(checkoutAttempts.clientKey, clientKey), eq(checkoutAttempts.allowed, true), gte(checkoutAttempts.at, since)));
  return Number(row?.n ?? 0) >= limits.perClient;
}
