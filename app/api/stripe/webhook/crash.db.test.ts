import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { readLedger } from "@/db/donations";
import { readActivity, runSql } from "@/db/testing/fixtures";
import { event, oneTimeCheckout } from "@/lib/stripe/testing/events";

describe("the app process killed mid-webhook", () => {
  it("leaves nothing half-written, and the redelivery records the event once", async () => {
    await runSql(`create or replace function masthead_test_slow() returns trigger language plpgsql as $$
      begin if new.email like 'crash%' then perform pg_sleep(2); end if; return new; end $$`);
    await runSql("create trigger masthead_test_slow before insert on gifts for each row execute function masthead_test_slow()");
    const e = event("checkout.session.completed", oneTimeCheckout({ amount: 777, email: "crash@example.org" }));
    const payload = JSON.stringify(e);
    try {
      // One process (tsx as a loader, not its CLI, which would run the script in a child we cannot kill).
      const child = spawn(process.execPath, ["--import", "tsx", "app/api/stripe/webhook/deliver-in-process.ts", payload], { env: process.env, stdio: "ignore" });
      const exited = new Promise((resolve) => child.on("exit", resolve));
      // Wait until the child's transaction is inside the slow insert, then kill it without warning.
      await expect.poll(() => readActivity("PgSleep"), { timeout: 15_000, interval: 100 }).toBe(1);
      child.kill("SIGKILL");
      await exited;
      await expect.poll(() => readActivity("PgSleep"), { timeout: 10_000 }).toBe(0);

      const afterCrash = await readLedger();
      expect([afterCrash.events, afterCrash.gifts.length, afterCrash.supporters.length]).toEqual([0, 0, 0]);
    } finally {
      await runSql("drop trigger if exists masthead_test_slow on gifts");
    }

    const { POST } = await import("./route");
    const Stripe = (await import("stripe")).default;
    const header = new Stripe("sk_test_unused").webhooks.generateTestHeaderString({ payload, secret: process.env.STRIPE_WEBHOOK_SECRET! });
    const redelivered = await POST(new Request("http://localhost/x", { method: "POST", body: payload, headers: { "stripe-signature": header } }));
    expect(await redelivered.json()).toEqual({ received: true, outcome: "processed" });
    const done = await readLedger();
    expect(done.gifts.map((g) => [g.email, g.amount])).toEqual([["crash@example.org", 777]]);
    expect(done.events).toBe(1);
  });
});
