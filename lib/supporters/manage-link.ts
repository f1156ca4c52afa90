import { env } from "@/lib/env";
import { managePath } from "@/lib/site/paths";
import { signatureMatches, signFor } from "./signing";

/**
 * "Manage your gift" without an account: a link whose token names the Stripe customer, the link
 * version it was made for (raise the version to revoke every link sent so far) and when it expires,
 * signed with an HMAC. Nothing else is in it, and nothing in it is secret but the signature.
 */
export type ManageClaim = { customerId: string; version: number; expiresAt: Date };
export type ManageTokenReading = { ok: true; claim: ManageClaim } | { ok: false; reason: "malformed" | "forged" | "expired" };

const TOKEN = /^(cus_[A-Za-z0-9]{1,64})\.(\d{1,12})\.(\d{1,9})\.([A-Za-z0-9_-]{43})$/;

export function createManageToken(customerId: string, version: number, now = new Date()): string {
  if (!/^cus_[A-Za-z0-9]{1,64}$/.test(customerId)) throw new Error("not a Stripe customer id");
  const expires = Math.floor(now.getTime() / 1000 + env.MANAGE_LINK_DAYS * 86_400);
  const payload = `${customerId}.${expires}.${version}`;
  return `${payload}.${signFor("manage", payload)}`;
}

export function readManageToken(token: unknown, now = new Date()): ManageTokenReading {
  const match = typeof token === "string" ? TOKEN.exec(token) : null;
  if (!match) return { ok: false, reason: "malformed" };
  const [, customerId, expires, version, signature] = match as unknown as [string, string, string, string, string];
  if (!signatureMatches("manage", `${customerId}.${expires}.${version}`, signature)) return { ok: false, reason: "forged" };
  const expiresAt = new Date(Number(expires) * 1000);
  if (expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true, claim: { customerId, version: Number(version), expiresAt } };
}

export const manageUrl = (token: string) => `${env.SITE_URL}${managePath}?token=${encodeURIComponent(token)}`;
