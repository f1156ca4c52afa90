import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * The local stand-in for a mail server, as the Stripe emulator is for Stripe: a real SMTP server
 * (smtp-server) that keeps what it receives in memory, parsed (mailparser), with a web inbox.
 * Loopback only. `POST /api/smtp {"down": true}` makes it refuse mail (421), as a mail server that
 * is down would, until `{"down": false}`.
 */
export type CaughtEmail = {
  id: number;
  receivedAt: string;
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
  /** The header lines as sent (mailparser turns some, List-Unsubscribe say, into structures). */
  headerLines: string[];
};

export type MailCatcher = { smtpPort: number; webUrl: string; messages(): CaughtEmail[]; stop(): Promise<void> };

const KEEP = 1000;
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startMailCatcher(options: { smtpPort: number; webPort: number; host?: string; log?: (line: string) => void }): Promise<MailCatcher> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? (() => {});
  const inbox: CaughtEmail[] = [];
  let nextId = 1;
  let down = false;

  const smtp = new SMTPServer({
    banner: "Masthead local mail catcher",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: MAX_MESSAGE_BYTES,
    // A client's idle pooled connection does not hold up stopping.
    closeTimeout: 1_000,
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (down) return callback(Object.assign(new Error("Mail catcher is down (test control)"), { responseCode: 421 }));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = [mail.to].flat().flatMap((a) => (a ? a.value.map((v) => v.address ?? "") : []));
          const headers: Record<string, string> = {};
          for (const [key, value] of mail.headers) headers[key] = typeof value === "string" ? value : JSON.stringify(value);
          inbox.push({
            id: nextId++,
            receivedAt: new Date().toISOString(),
            messageId: mail.messageId ?? null,
            from: mail.from?.text ?? "",
            to,
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : null,
            headers,
            headerLines: mail.headerLines.map((h) => h.line),
          });
          if (inbox.length > KEEP) inbox.shift();
          log(`received "${mail.subject ?? ""}" for ${to.join(", ")}`);
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  smtp.on("error", (error) => log(`SMTP error: ${error.message}`));

  const page = (title: string, body: string) =>
    `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}td,th{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #ddd}pre{white-space:pre-wrap}iframe{width:100%;height:70vh;border:1px solid #ccc}</style><h1>${escapeHtml(title)}</h1>${body}</html>`;

  const web: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://catcher.invalid");
    const send = (status: number, type: string, body: string, extra: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store", "x-content-type-options": "nosniff", ...extra });
      res.end(body);
    };
    if (req.method === "GET" && url.pathname === "/api/messages") return send(200, "application/json", JSON.stringify(inbox));
    if (req.method === "DELETE" && url.pathname === "/api/messages") {
      inbox.length = 0;
      return send(204, "text/plain", "");
    }
    if (req.method === "POST" && url.pathname === "/api/smtp") {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8").slice(0, 100)));
      req.on("end", () => {
        down = /"down"\s*:\s*true/.test(body);
        log(down ? "refusing mail (test control)" : "accepting mail again");
        send(200, "application/json", JSON.stringify({ down }));
      });
      return;
    }
    const match = /^\/messages\/(\d+)(\/html)?$/.exec(url.pathname);
    const message = match ? inbox.find((m) => m.id === Number(match[1])) : undefined;
    if (req.method === "GET" && message && match?.[2]) {
      // The e-mail's own HTML, scriptless and isolated from this inbox.
      return send(200, "text/html; charset=utf-8", message.html ?? "", { "content-security-policy": "sandbox; default-src 'none'; img-src data: http: https:; style-src 'unsafe-inline'" });
    }
    if (req.method === "GET" && message) {
      const meta = `<p><strong>From</strong> ${escapeHtml(message.from)}<br><strong>To</strong> ${escapeHtml(message.to.join(", "))}<br><strong>Received</strong> ${escapeHtml(message.receivedAt)}</p>`;
      const html = message.html ? `<h2>HTML</h2><iframe src="/messages/${message.id}/html" title="The e-mail as HTML"></iframe>` : "";
      return send(200, "text/html; charset=utf-8", page(message.subject, `<p><a href="/">← Inbox</a></p>${meta}${html}<h2>Plain text</h2><pre>${escapeHtml(message.text)}</pre>`));
    }
    if (req.method === "GET" && url.pathname === "/") {
      const rows = [...inbox]
        .reverse()
        .map((m) => `<tr><td>${escapeHtml(m.receivedAt.slice(0, 19).replace("T", " "))}</td><td>${escapeHtml(m.to.join(", "))}</td><td><a href="/messages/${m.id}">${escapeHtml(m.subject || "(no subject)")}</a></td></tr>`)
        .join("");
      return send(200, "text/html; charset=utf-8", page("Local mail catcher", `<p>E-mail the site sends while no SMTP_URL is set lands here, and nowhere else.</p><table><tr><th>Received (UTC)</th><th>To</th><th>Subject</th></tr>${rows || '<tr><td colspan="3">Nothing yet.</td></tr>'}</table>`));
    }
    send(404, "text/plain; charset=utf-8", "Not found");
  });

  const listen = (server: { listen: (port: number, host: string, cb: () => void) => unknown; once: (e: string, cb: (error: NodeJS.ErrnoException) => void) => unknown }, port: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", (error) => reject(error.code === "EADDRINUSE" ? new Error(`The mail catcher's ${what} port ${host}:${port} is in use.`) : error));
      server.listen(port, host, resolve);
    });
  await listen(smtp, options.smtpPort, "SMTP");
  await listen(web, options.webPort, "web inbox");
  const webPort = (web.address() as AddressInfo).port;
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  return {
    smtpPort,
    webUrl: `http://${host}:${webPort}`,
    messages: () => [...inbox],
    stop: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => {
        web.close(() => resolve());
        web.closeAllConnections();
      });
    },
  };
}
