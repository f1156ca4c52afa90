import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

/** With no SMTP_URL, the local mail catcher `npm start` runs (loopback, no TLS, no auth). */
export const usesMailCatcher = (): boolean => !env.SMTP_URL;

let transport: Transporter | undefined;

export function getMailTransport(): Transporter {
  transport ??= nodemailer.createTransport({
    url: env.SMTP_URL ?? `smtp://127.0.0.1:${env.MAIL_CATCHER_SMTP_PORT}`,
    ...(usesMailCatcher() ? { ignoreTLS: true } : {}),
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return transport;
}

/** Ends the pooled SMTP connections (the worker's stop). */
export function closeMailTransport(): void {
  transport?.close();
  transport = undefined;
}

/** The bare address in MAIL_FROM, where supporters may write back. */
export const replyAddress = (): string => /<([^>]+)>/.exec(env.MAIL_FROM)?.[1] ?? env.MAIL_FROM;
