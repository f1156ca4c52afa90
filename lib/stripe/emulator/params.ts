import { z } from "zod";
import { invalidRequest, parameterMissing, StripeEmulatorError } from "./errors";

/**
 * Parameter schemas. Values arrive as strings (or nested objects) from the form decoder;
 * these helpers coerce them and fail with Stripe's wording. A custom issue's message may
 * contain `{param}`, replaced by the bracketed parameter name (`line_items[0][quantity]`).
 */
type Ctx = z.core.$RefinementCtx;

function fail(ctx: Ctx, message: string, code?: string): never {
  ctx.addIssue({ code: "custom", message, params: code ? { stripeCode: code } : {} });
  return z.NEVER;
}

function missing(ctx: Ctx): never {
  return fail(ctx, "Missing required param: {param}.", "parameter_missing");
}

function describe(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

const emptyStringMessage =
  "You passed an empty string for '{param}'. We assume empty values are an attempt to unset a parameter; however '{param}' cannot be unset. You should remove '{param}' from your request or supply a non-empty value.";

/** A string. `""` is rejected unless `nullable`, where it means "unset" and becomes null. */
export function str(options: { max?: number } = {}) {
  return z.unknown().transform((v, ctx): string => {
    if (v === undefined) return missing(ctx);
    if (typeof v !== "string") return fail(ctx, `Invalid string: ${describe(v)}`, "parameter_invalid_string");
    if (v === "") return fail(ctx, emptyStringMessage, "parameter_invalid_empty");
    if (options.max !== undefined && v.length > options.max) {
      return fail(ctx, `Invalid string: ${v.slice(0, 40)}...; must be at most ${options.max} characters`, "string_length_too_long");
    }
    return v;
  });
}

export function nullableStr(options: { max?: number } = {}) {
  return z.unknown().transform((v, ctx): string | null => {
    if (v === "") return null;
    if (v === undefined) return missing(ctx);
    if (typeof v !== "string") return fail(ctx, `Invalid string: ${describe(v)}`, "parameter_invalid_string");
    if (options.max !== undefined && v.length > options.max) {
      return fail(ctx, `Invalid string: ${v.slice(0, 40)}...; must be at most ${options.max} characters`, "string_length_too_long");
    }
    return v;
  });
}

export function int(options: { min?: number; max?: number } = {}) {
  return z.unknown().transform((v, ctx): number => {
    if (v === undefined) return missing(ctx);
    const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d{1,15}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
    if (!Number.isSafeInteger(n)) return fail(ctx, `Invalid integer: ${describe(v)}`, "parameter_invalid_integer");
    if (options.min !== undefined && n < options.min) {
      return fail(ctx, `Invalid integer: ${n}. {param} must be greater than or equal to ${options.min}.`, "parameter_invalid_integer");
    }
    if (options.max !== undefined && n > options.max) {
      return fail(ctx, `Invalid integer: ${n}. {param} must be less than or equal to ${options.max}.`, "parameter_invalid_integer");
    }
    return n;
  });
}

export function bool() {
  return z.unknown().transform((v, ctx): boolean => {
    if (v === undefined) return missing(ctx);
    if (v === true || v === "true") return true;
    if (v === false || v === "false") return false;
    return fail(ctx, `Invalid boolean: ${describe(v)}`);
  });
}

function oneOf(values: readonly string[]): string {
  if (values.length <= 2) return values.join(" or ");
  return `${values.slice(0, -1).join(", ")}, or ${values[values.length - 1]}`;
}

export function enumOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.unknown().transform((v, ctx): T[number] => {
    if (v === undefined) return missing(ctx);
    if (typeof v === "string" && (values as readonly string[]).includes(v)) return v as T[number];
    return fail(ctx, `Invalid {param}: must be one of ${oneOf(values)}`);
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Metadata: up to 50 string keys (≤ 40 chars) with string values (≤ 500 chars).
 * A value of `""` unsets that key; `metadata=""` (null here) clears them all.
 */
export function metadata() {
  return z.unknown().transform((v, ctx): Record<string, string> | null => {
    if (v === "") return null;
    if (!isRecord(v)) return fail(ctx, "Invalid object", "parameter_invalid_object");
    const out = Object.create(null) as Record<string, string>;
    const keys = Object.keys(v);
    if (keys.length > 50) return fail(ctx, "Invalid {param}: must have at most 50 keys");
    for (const key of keys) {
      const value = v[key];
      if (typeof value !== "string") return fail(ctx, `Invalid value for {param}[${key}]: metadata values must be strings`);
      if (key.length > 40) return fail(ctx, `Metadata keys can have up to 40 characters; ${key.slice(0, 50)} has ${key.length}.`);
      if (value.length > 500) return fail(ctx, `Metadata values can have up to 500 characters, but you passed in a value that is ${value.length} characters.`);
      out[key] = value;
    }
    return out;
  });
}

export function applyMetadata(existing: Record<string, string> | undefined, update: Record<string, string> | null | undefined): Record<string, string> {
  if (update === undefined) return { ...existing };
  const out: Record<string, string> = update === null ? {} : { ...existing };
  for (const [key, value] of Object.entries(update ?? {})) {
    if (value === "") delete out[key];
    else Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Objects keyed "0", "1", … (from `a[0]=`, `a[]=`) become arrays. */
export function arrayOf<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => {
    if (v === "") return [];
    if (!isRecord(v)) return v;
    const keys = Object.keys(v);
    if (!keys.every((k) => /^\d+$/.test(k))) return v;
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => v[k]);
  }, z.array(item, { error: "Invalid array" }));
}

export function object<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, { error: "Invalid object" });
}

export const expand = arrayOf(str({ max: 5000 })).optional();

/** `created=123` or `created[gte]=…&created[lte]=…`. */
export const rangeFilter = z
  .union([int(), object({ gt: int().optional(), gte: int().optional(), lt: int().optional(), lte: int().optional() })])
  .optional();
export type RangeFilter = z.output<typeof rangeFilter>;

export const listParams = {
  limit: int({ min: 1, max: 100 }).optional(),
  starting_after: str().optional(),
  ending_before: str().optional(),
  expand,
};

export function parseParams<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw toStripeError(result.error.issues, raw);
}

function bracketName(path: readonly PropertyKey[]): string {
  const parts = path.map((p) => String(p));
  const [head, ...rest] = parts;
  return (head ?? "") + rest.map((p) => `[${p}]`).join("");
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = raw;
  for (const key of path) {
    if (!isRecord(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[String(key)];
  }
  return node;
}

function toStripeError(issues: readonly z.core.$ZodIssue[], raw: unknown): StripeEmulatorError {
  const unknownKey = issues.find((i) => i.code === "unrecognized_keys");
  const issue = unknownKey ?? issues[0];
  if (!issue) return invalidRequest("Invalid request.");
  if (issue.code === "unrecognized_keys") {
    const name = bracketName([...issue.path, issue.keys[0] ?? ""]);
    return invalidRequest(`Received unknown parameter: ${name}`, { param: name, code: "parameter_unknown" });
  }
  const name = bracketName(issue.path);
  if (issue.code === "custom") {
    const params = (issue.params ?? {}) as { stripeCode?: string };
    return invalidRequest(issue.message.replaceAll("{param}", name), { param: name, code: params.stripeCode });
  }
  if (valueAt(raw, issue.path) === undefined) return parameterMissing(name);
  if (issue.code === "invalid_union") {
    return invalidRequest(`Invalid value for ${name}.`, { param: name });
  }
  return invalidRequest(`${issue.message} for ${name}.`, { param: name });
}
