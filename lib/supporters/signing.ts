import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { localSecret } from "@/lib/local-secret";

/**
 * The HMAC behind every link and keyed hash we hand supporters (manage links, reminder stops,
 * reminder addresses). `purpose` keeps one kind's signature from being valid as another's.
 */
const secret = () => env.MANAGE_LINK_SECRET ?? localSecret("manage-link-secret");

export const signFor = (purpose: string, payload: string) => createHmac("sha256", secret()).update(`${purpose}:${payload}`).digest("base64url");

/** Length of `signFor`'s output (SHA-256 in base64url, unpadded). */
export const SIGNATURE_LENGTH = 43;

export function signatureMatches(purpose: string, payload: string, signature: string): boolean {
  const expected = Buffer.from(signFor(purpose, payload));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
