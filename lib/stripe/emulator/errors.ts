export type StripeErrorType =
  | "invalid_request_error"
  | "api_error"
  | "card_error"
  | "idempotency_error"
  | "authentication_error";

export type StripeErrorInit = {
  status: number;
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  declineCode?: string;
};

/** An error the emulator answers with, in Stripe's `{ "error": { ... } }` shape. */
export class StripeEmulatorError extends Error {
  readonly status: number;
  readonly type: StripeErrorType;
  readonly code: string | undefined;
  readonly param: string | undefined;
  readonly declineCode: string | undefined;

  constructor(init: StripeErrorInit) {
    super(init.message);
    this.name = "StripeEmulatorError";
    this.status = init.status;
    this.type = init.type;
    this.code = init.code;
    this.param = init.param;
    this.declineCode = init.declineCode;
  }

  toBody(): { error: Record<string, string> } {
    const error: Record<string, string> = {};
    if (this.code) error.code = this.code;
    if (this.declineCode) error.decline_code = this.declineCode;
    if (this.code) error.doc_url = `https://stripe.com/docs/error-codes/${this.code.replace(/_/g, "-")}`;
    error.message = this.message;
    if (this.param) error.param = this.param;
    error.type = this.type;
    return { error };
  }
}

export function invalidRequest(message: string, options: { param?: string; code?: string; status?: number } = {}): StripeEmulatorError {
  return new StripeEmulatorError({ status: options.status ?? 400, type: "invalid_request_error", message, code: options.code, param: options.param });
}

export function parameterMissing(param: string): StripeEmulatorError {
  return invalidRequest(`Missing required param: ${param}.`, { param, code: "parameter_missing" });
}

export function resourceMissing(noun: string, id: string, param = "id", status = 404): StripeEmulatorError {
  return invalidRequest(`No such ${noun}: '${id}'`, { param, code: "resource_missing", status });
}

export function exclusiveParameters(a: string, b: string): StripeEmulatorError {
  return invalidRequest(`You may only specify one of these parameters: ${a}, ${b}.`, { param: a, code: "parameters_exclusive" });
}

export function apiError(message: string): StripeEmulatorError {
  return new StripeEmulatorError({ status: 500, type: "api_error", message });
}
