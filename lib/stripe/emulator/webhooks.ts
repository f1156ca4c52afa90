import { createHmac } from "node:crypto";
import type { EventRecord } from "./types";

export type Delivery = { eventId: string; status: number | "error"; attempt: number };

/** Stripe's scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the endpoint secret>`. */
export function signatureHeader(body: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const signature = createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${signature}`;
}

export const MAX_ATTEMPTS = 6;
const RETRY_BASE_MS = 500;

type Options = {
  url: string | undefined;
  secret: string;
  timeoutMs: number;
  log: (message: string) => void;
};

/**
 * POSTs signed events to the webhook URL. Each `deliver()` call sends its events one after
 * another, after those of earlier calls, and resolves once every event has had its first
 * attempt; failed attempts are retried in the background (0.5 s, 1 s, 2 s, … up to
 * MAX_ATTEMPTS), each re-signed with a fresh timestamp.
 */
export class WebhookDispatcher {
  private url: string | undefined;
  private readonly secret: string;
  private readonly timeoutMs: number;
  private readonly log: (message: string) => void;
  private queue: Promise<void> = Promise.resolve();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<AbortController>();
  private readonly records: Delivery[] = [];
  private stopped = false;

  constructor(options: Options) {
    this.url = options.url;
    this.secret = options.secret;
    this.timeoutMs = options.timeoutMs;
    this.log = options.log;
  }

  setUrl(url: string | undefined): void {
    this.url = url;
  }

  get hasUrl(): boolean {
    return this.url !== undefined;
  }

  deliveries(): Delivery[] {
    return this.records.map((r) => ({ ...r }));
  }

  deliver(events: readonly EventRecord[]): Promise<void> {
    const run = this.queue.then(async () => {
      for (const event of events) await this.attempt(event, 1);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inFlight) controller.abort();
    await this.queue;
  }

  private async attempt(event: EventRecord, attempt: number): Promise<void> {
    const url = this.url;
    if (this.stopped || url === undefined) return;
    const body = JSON.stringify(event, null, 2);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    this.inFlight.add(controller);
    let status: number | "error";
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          Accept: "*/*; q=0.5, application/xml",
          "Cache-Control": "no-cache",
          "Stripe-Signature": signatureHeader(body, this.secret),
        },
        body,
        signal: controller.signal,
        redirect: "manual",
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
    } catch {
      status = "error";
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
    if (this.stopped) return;
    this.records.push({ eventId: event.id, status, attempt });
    const ok = typeof status === "number" && status >= 200 && status < 300;
    if (ok) return;
    if (attempt >= MAX_ATTEMPTS) {
      this.log(`webhook ${event.type} ${event.id}: giving up after ${attempt} attempts (last: ${status})`);
      return;
    }
    const delay = RETRY_BASE_MS * 2 ** (attempt - 1);
    this.log(`webhook ${event.type} ${event.id}: attempt ${attempt} got ${status}; retrying in ${delay} ms`);
    const retry = setTimeout(() => {
      this.timers.delete(retry);
      void this.attempt(event, attempt + 1);
    }, delay);
    this.timers.add(retry);
  }
}
