import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

/** The file sits beside the embedded database, so a fresh clone gets a secret of its own with no setup. */
const secretFile = () =>
  path.join(/*turbopackIgnore: true*/ path.dirname(path.resolve(/*turbopackIgnore: true*/ env.PGLITE_DIR)), "revalidate-secret");

export function getRevalidateSecret(): string {
  if (env.REVALIDATE_SECRET) return env.REVALIDATE_SECRET;
  const file = secretFile();
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
