import { hash, verify } from "@node-rs/argon2";

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): memory-hard, still well under 100 ms here. */
const PARAMS = { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

/** Why a new password is not acceptable, or null when it is. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`;
  if (password.trim() !== password) return "The password must not start or end with a space.";
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

let dummy: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. With no account (null) it still hashes, against a
 * throwaway hash, so an unknown e-mail takes as long to refuse as a wrong password.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  dummy ??= hash(`no account ${Math.random()}`, PARAMS);
  const target = stored ?? (await dummy);
  const ok = await verify(target, password.slice(0, PASSWORD_MAX_LENGTH)).catch(() => false);
  return stored !== null && ok;
}
