/**
 * The application's small error vocabulary: a code, the HTTP status it maps to, and the one sentence
 * a reader may see. Anything that is not an AppError is a bug: it is logged in full and the reader
 * gets the `internal` message, never the error's own text.
 */
export const ERRORS = {
  bad_request: { status: 400, message: "Please check what you sent and try again." },
  not_found: { status: 404, message: "We could not find that." },
  rate_limited: { status: 429, message: "Too many attempts. Please wait a few minutes and try again." },
  provider_unavailable: { status: 503, message: "We could not reach our payment provider just now. Nothing was charged. Please try again in a moment." },
  database_unavailable: { status: 503, message: "We are having trouble reaching our database. Please try again in a moment." },
  internal: { status: 500, message: "Something went wrong on our side. Nothing was charged. Please try again in a moment." },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}

export const isAppError = (error: unknown, code?: ErrorCode): error is AppError => error instanceof AppError && (code === undefined || error.code === code);

/** The code for any thrown value: its own when it is an AppError, `internal` otherwise. */
export const errorCode = (error: unknown): ErrorCode => (error instanceof AppError ? error.code : "internal");

/** What a reader is told about any thrown value. */
export const publicMessage = (error: unknown): string => ERRORS[errorCode(error)].message;
