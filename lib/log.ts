import { errorCode } from "./errors";

type Fields = Record<string, unknown>;

function describe(error: unknown): Fields {
  if (!(error instanceof Error)) return { message: String(error) };
  const cause = error.cause instanceof Error ? { cause: { name: error.cause.name, message: error.cause.message } } : {};
  return { name: error.name, message: error.message, code: errorCode(error), stack: error.stack, ...cause };
}

/**
 * One structured line per event (JSON on stderr for warnings and errors, stdout otherwise), so a
 * log collector can count them by `event` and `code`. Never log card data or a full e-mail address.
 */
export function logEvent(level: "info" | "warn" | "error", event: string, fields: Fields & { error?: unknown } = {}): void {
  const { error, ...rest } = fields;
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...rest, ...(error === undefined ? {} : { error: describe(error) }) });
  if (level === "info") console.log(line);
  else console.error(line);
}
