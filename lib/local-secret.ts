import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * A secret for the embedded, no-setup mode: generated once into the git-ignored data folder beside
 * the embedded database, so a fresh clone works and every process of it agrees on the value.
 * Production sets the variable instead.
 */
export function localSecret(name: string, prefix = ""): string {
  const file = path.join(/*turbopackIgnore: true*/ path.dirname(path.resolve(/*turbopackIgnore: true*/ env.EMBEDDED_DB_DIR)), name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = `${prefix}${randomBytes(24).toString("hex")}`;
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
