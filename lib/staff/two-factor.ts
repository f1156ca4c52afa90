import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { env } from "@/lib/env";
import { localSecret } from "@/lib/local-secret";

const PERIOD = 30;
export const RECOVERY_CODE_COUNT = 10;

const staffSecret = (): string => env.STAFF_SESSION_SECRET ?? localSecret("staff-session-secret");
const key = (purpose: string) => createHash("sha256").update(`${purpose}\0${staffSecret()}`).digest();

/**
 * TOTP secrets are kept encrypted (AES-256-GCM under STAFF_SESSION_SECRET), so a copy of the
 * database alone (a backup, a dump) does not give anyone the codes.
 */
export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key("totp"), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The secret, or null for anything not sealed by us under the current key. */
export function openSecret(sealed: string): string | null {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !body || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key("totp"), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

const totp = (secret: string, label = "staff") => new TOTP({ issuer: env.SITE_NAME, label, algorithm: "SHA1", digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });

/** The otpauth:// address an authenticator app reads from the QR code. */
export const totpUri = (secret: string, email: string): string => totp(secret, email).toString();

export async function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

export const looksLikeTotpCode = (code: string): boolean => /^\d{6}$/.test(code);

/**
 * The time step a code belongs to when it is right now, or one step either side (clocks drift);
 * null otherwise. The caller must still claim the step, so a code works once.
 */
export function totpStep(secret: string, code: string, now = new Date()): number | null {
  if (!looksLikeTotpCode(code)) return null;
  const t = totp(secret);
  const delta = t.validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : t.counter({ timestamp: now.getTime() }) + delta;
}

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten one-use codes, xxxx-xxxx-xxxx from 31 letters and digits that do not look alike (about 59 bits each). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")).join("-"),
  );
}

/** What a typed recovery code is stored and looked up as: spaces, dashes and case do not matter. */
export function normalizeRecoveryCode(code: string): string | null {
  const plain = code.toLowerCase().replace(/[\s-]/g, "");
  return /^[a-z0-9]{12}$/.test(plain) ? plain : null;
}

/** Keyed, so the stored hashes cannot be tried offline without the server's secret. */
export const hashRecoveryCode = (normalized: string): string => createHmac("sha256", key("recovery")).update(normalized).digest("hex");
