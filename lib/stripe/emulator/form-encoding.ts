/**
 * Stripe's `application/x-www-form-urlencoded` bracket notation:
 * `line_items[0][price_data][currency]=usd&expand[]=subscription` → nested objects.
 * Arrays stay objects keyed "0", "1", … here; the parameter schemas turn them into arrays,
 * so `metadata[0]=x` remains a valid metadata key.
 */
export type FormValue = string | FormObject;
export type FormObject = { [key: string]: FormValue };

export class FormEncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FormEncodingError";
  }
}

const MAX_PAIRS = 2000;
const MAX_DEPTH = 8;

export function parseFormEncoded(input: string): FormObject {
  const root = emptyObject();
  if (input === "") return root;
  const pairs = input.split("&");
  if (pairs.length > MAX_PAIRS) throw new FormEncodingError(`Too many parameters (more than ${MAX_PAIRS}).`);
  for (const pair of pairs) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = decode(eq === -1 ? "" : pair.slice(eq + 1));
    assign(root, parseKey(key), value, key);
  }
  return root;
}

export function emptyObject(): FormObject {
  // A null prototype keeps keys such as "__proto__" inert data.
  return Object.create(null) as FormObject;
}

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    throw new FormEncodingError(`Invalid URL encoding: ${raw.slice(0, 50)}`);
  }
}

function parseKey(key: string): string[] {
  const open = key.indexOf("[");
  if (open === -1) {
    if (key === "" || key.includes("]")) throw new FormEncodingError(`Invalid parameter name: ${key.slice(0, 100)}`);
    return [key];
  }
  const head = key.slice(0, open);
  if (head === "" || head.includes("]")) throw new FormEncodingError(`Invalid parameter name: ${key.slice(0, 100)}`);
  const segments = [head];
  let rest = key.slice(open);
  while (rest.length > 0) {
    const match = /^\[([^[\]]*)\]/.exec(rest);
    if (!match) throw new FormEncodingError(`Invalid parameter name: ${key.slice(0, 100)}`);
    segments.push(match[1] ?? "");
    rest = rest.slice(match[0].length);
  }
  if (segments.length > MAX_DEPTH) throw new FormEncodingError(`Parameter nested too deeply: ${key.slice(0, 100)}`);
  return segments;
}

function nextIndex(node: FormObject): string {
  let next = 0;
  for (const k of Object.keys(node)) {
    if (/^\d+$/.test(k)) next = Math.max(next, Number(k) + 1);
  }
  return String(next);
}

function assign(root: FormObject, path: string[], value: string, fullKey: string): void {
  let node = root;
  for (let i = 0; i < path.length; i++) {
    const raw = path[i] ?? "";
    const segment = raw === "" ? nextIndex(node) : raw;
    if (i === path.length - 1) {
      const existing = node[segment];
      if (existing !== undefined && typeof existing !== "string") {
        throw new FormEncodingError(`Conflicting values for parameter: ${fullKey.slice(0, 100)}`);
      }
      node[segment] = value;
      return;
    }
    let child = node[segment];
    if (child === undefined) {
      child = emptyObject();
      node[segment] = child;
    } else if (typeof child === "string") {
      throw new FormEncodingError(`Conflicting values for parameter: ${fullKey.slice(0, 100)}`);
    }
    node = child;
  }
}

/** The inverse, for the emulator's own tests and tools. */
export function encodeForm(data: Record<string, unknown>): string {
  const pairs: string[] = [];
  const walk = (key: string, value: unknown): void => {
    if (value === undefined) return;
    if (value === null || typeof value !== "object") {
      pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(value === null ? "" : String(value))}`);
      return;
    }
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [k, v] of entries) walk(`${key}[${k}]`, v);
  };
  for (const [k, v] of Object.entries(data)) walk(k, v);
  return pairs.join("&");
}
