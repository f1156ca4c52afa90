/**
 * The site Playwright's e2e suite runs against (`playwright.config.ts` starts and stops it): a
 * production build with the emulator, on a database of its own. Writes e2e/.server-env.json so specs
 * can run the CLI (content import) against the same database.
 */
import { runInForeground, startTestSite } from "./test-site";

const site = await startTestSite({
  name: "e2e",
  port: Number(process.env.E2E_PORT ?? 3100),
  envFile: "e2e/.server-env.json",
  env: {
    // Short, so the tests of a hanging Stripe finish quickly (the SDK retries twice).
    STRIPE_TIMEOUT_MS: "2000",
    // Every spec gives from 127.0.0.1; the card-testing spec uses its own addresses and the defaults' shape.
    CHECKOUT_LIMIT_PER_CLIENT: "60",
    CHECKOUT_LIMIT_PER_SESSION: "20",
  },
});
runInForeground(site);
