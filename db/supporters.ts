import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "./client";
import { gifts, subscriptions, supporters, type Gift, type Subscription } from "./schema";

export type ManagedSupporter = { stripeCustomerId: string; email: string | null; name: string | null; gifts: Gift[]; subscriptions: Subscription[] };

/** The version a new "Manage your gift" link is made for; null for a customer the ledger does not know. */
export async function getManageLinkVersion(stripeCustomerId: string): Promise<number | null> {
  const [row] = await (await db()).select({ version: supporters.manageLinkVersion }).from(supporters).where(eq(supporters.stripeCustomerId, stripeCustomerId)).limit(1);
  return row?.version ?? null;
}

/** What the manage page shows, only for a link of the supporter's current version (older ones are revoked). */
export async function getManagedSupporter(stripeCustomerId: string, version: number): Promise<ManagedSupporter | null> {
  const d = await db();
  const [supporter] = await d
    .select({ stripeCustomerId: supporters.stripeCustomerId, email: supporters.email, name: supporters.name })
    .from(supporters)
    .where(and(eq(supporters.stripeCustomerId, stripeCustomerId), eq(supporters.manageLinkVersion, version)))
    .limit(1);
  if (!supporter) return null;
  const [theirGifts, theirSubscriptions] = await Promise.all([
    d.select().from(gifts).where(eq(gifts.stripeCustomerId, stripeCustomerId)).orderBy(desc(gifts.paidAt), desc(gifts.id)).limit(100),
    d.select().from(subscriptions).where(eq(subscriptions.stripeCustomerId, stripeCustomerId)).orderBy(desc(subscriptions.startedAt)),
  ]);
  return { ...supporter, gifts: theirGifts, subscriptions: theirSubscriptions };
}

/** Every supporter with this address (one person may have given as several Stripe customers). */
export async function listSupportersByEmail(email: string): Promise<{ stripeCustomerId: string; version: number; name: string | null }[]> {
  return (await db())
    .select({ stripeCustomerId: supporters.stripeCustomerId, version: supporters.manageLinkVersion, name: supporters.name })
    .from(supporters)
    .where(eq(sql`lower(${supporters.email})`, email.trim().toLowerCase()));
}

/** Revokes every manage link sent to this supporter so far. */
export async function revokeManageLinks(stripeCustomerId: string): Promise<void> {
  await (await db())
    .update(supporters)
    .set({ manageLinkVersion: sql`${supporters.manageLinkVersion} + 1` })
    .where(eq(supporters.stripeCustomerId, stripeCustomerId));
}
