/**
 * Delivers one signed event to the webhook route in this process, for tests that must kill the
 * process mid-delivery. Usage: tsx app/api/stripe/webhook/deliver-in-process.ts '<event json>'
 */
import Stripe from "stripe";
import { POST } from "./route";

const payload = process.argv[2]!;
const header = new Stripe("sk_test_unused").webhooks.generateTestHeaderString({ payload, secret: process.env.STRIPE_WEBHOOK_SECRET! });
const res = await POST(new Request("http://localhost/api/stripe/webhook", { method: "POST", body: payload, headers: { "stripe-signature": header } }));
console.log(res.status);
process.exit(0);
