import { invalidRequest } from "./errors";
import { SUPPORTED_CURRENCIES } from "./money";

/** Checks Stripe applies beyond a parameter's type. Each throws a Stripe-shaped 400. */

export function checkEmail(value: string, param: string): string {
  if (value.length > 512 || !/^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/.test(value)) {
    throw invalidRequest(`Invalid email address: ${value}`, { param, code: "email_invalid" });
  }
  return value;
}

export function checkUrl(value: string, param: string): string {
  let ok = false;
  try {
    const url = new URL(value);
    ok = (url.protocol === "http:" || url.protocol === "https:") && value.length <= 5000;
  } catch {
    ok = false;
  }
  if (!ok) throw invalidRequest("Not a valid URL", { param, code: "url_invalid" });
  return value;
}

export function checkCurrency(value: string, param: string): string {
  const currency = value.toLowerCase();
  if (!(SUPPORTED_CURRENCIES as readonly string[]).includes(currency)) {
    throw invalidRequest(
      `Invalid currency: ${value}. The Masthead Stripe emulator supports these currencies: ${SUPPORTED_CURRENCIES.join(", ")}.`,
      { param, code: "parameter_invalid_string" },
    );
  }
  return currency;
}

/** Statement descriptors: Latin letters required, no `<>\'"*` characters. Full ones need 5–22 characters, suffixes 1–22. */
export function checkStatementDescriptor(value: string, param: string, kind: "full" | "suffix"): string {
  const min = kind === "full" ? 5 : 1;
  if (value.length < min || value.length > 22) {
    throw invalidRequest(`The ${param} must be between ${min} and 22 characters long.`, { param });
  }
  if (/[<>\\'"*]/.test(value)) {
    throw invalidRequest(`The ${param} contains one or more prohibited characters: < > \\ ' " *`, { param });
  }
  if (kind === "full" && !/[a-zA-Z]/.test(value)) {
    throw invalidRequest(`The ${param} must contain at least one letter.`, { param });
  }
  return value;
}
