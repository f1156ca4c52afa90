import { logEvent } from "@/lib/log";
import { stopRemindersByToken } from "@/lib/supporters/reminders";

/**
 * RFC 8058 one-click unsubscribe: a mail client POSTs `List-Unsubscribe=One-Click` to the address in
 * the reminder's List-Unsubscribe header. The token is in the query; the body carries nothing else.
 */
export async function POST(request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get("token");
  try {
    if (!(await stopRemindersByToken(token))) return new Response("Unknown or altered link.\n", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  } catch (error) {
    logEvent("error", "reminders.stop_failed", { error, via: "one-click" });
    return new Response("Try again later.\n", { status: 503, headers: { "content-type": "text/plain; charset=utf-8", "retry-after": "60" } });
  }
  return new Response("Reminders stopped.\n", { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
}
