/**
 * The local Stripe emulator on its own:
 *   npx tsx scripts/stripe-emulator.ts --port 12111 --webhook-url http://127.0.0.1:3000/api/stripe/webhook --webhook-secret whsec_...
 * Point the app's Stripe SDK at the printed URL. No real money moves; all state is in memory.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { startStripeEmulator } from "@/lib/stripe/emulator";

const usage = `Usage: npx tsx scripts/stripe-emulator.ts [options]
  --port <n>             port to listen on (default 12111; 0 = any free port)
  --host <address>       loopback address to bind (default 127.0.0.1)
  --webhook-url <url>    where signed events are POSTed (default: none, events are only recorded)
  --webhook-secret <s>   whsec_... to sign events with (default: $STRIPE_WEBHOOK_SECRET, else a new one is printed)
  --public-url <url>     base URL browsers use to reach the emulator (default http://host:port)`;

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: "string", default: "12111" },
      host: { type: "string", default: "127.0.0.1" },
      "webhook-url": { type: "string" },
      "webhook-secret": { type: "string" },
      "public-url": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  }));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535.\n\n${usage}`);
  process.exit(2);
}
const str = (v: string | boolean | undefined): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
let webhookSecret = str(values["webhook-secret"]) ?? process.env.STRIPE_WEBHOOK_SECRET;
if (!webhookSecret) {
  webhookSecret = `whsec_${randomBytes(24).toString("hex")}`;
  console.log(`No --webhook-secret given; signing events with ${webhookSecret}`);
}
const webhookUrl = str(values["webhook-url"]);
const publicUrl = str(values["public-url"]);

try {
  const emulator = await startStripeEmulator({
    port,
    host: str(values.host) ?? "127.0.0.1",
    webhookSecret,
    ...(webhookUrl && { webhookUrl }),
    ...(publicUrl && { publicUrl }),
    log: (line) => console.log(`[stripe emulator] ${line}`),
  });
  console.log(`Stripe emulator (local test checkout, no real money) on ${emulator.url}`);
  console.log(webhookUrl ? `Delivering signed events to ${webhookUrl}` : "No --webhook-url: events are recorded, not delivered.");
  console.log(`SDK: new Stripe("sk_test_...", { host: "${new URL(emulator.url).hostname}", port: ${emulator.port}, protocol: "http" })`);
  const shutdown = () => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", shutdown).once("SIGTERM", shutdown);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
