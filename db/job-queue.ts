import { sql, type SQL } from "drizzle-orm";
import PgBoss from "pg-boss";
import type { DatabaseHandle } from "./client";
import type { Ledger } from "./donations";

/**
 * The job queue (pg-boss) lives in the same PostgreSQL database, in its own `pgboss` schema, and
 * talks through the app's one driver (postgres.js) instead of opening a `pg` pool of its own.
 */
export const JOB_QUEUE_SCHEMA = "pgboss";

/** Every queue the worker serves, with its retry rule: failures are retried with exponential backoff. */
export const QUEUES = {
  email: { name: "email", retryLimit: 10, retryDelay: 10, retryBackoff: true, expireInSeconds: 120 },
  // Run every minute by the worker's schedule; a failed run is simply the next minute's work.
  reminders: { name: "reminders", retryLimit: 0, expireInSeconds: 300, policy: "singleton" },
  // Nightly; Stripe being unreachable is worth two more tries before the next night's run.
  reconciliation: { name: "reconciliation", retryLimit: 2, retryDelay: 600, expireInSeconds: 3600, policy: "singleton" },
} as const satisfies Record<string, PgBoss.Queue>;

export type QueueName = keyof typeof QUEUES;

/** pg-boss JSON-encodes its `data` parameter itself only with `pg`; postgres.js needs it as text. */
const asParameter = (value: unknown) =>
  value === undefined ? null : value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date) ? JSON.stringify(value) : value;

/** pg-boss's numbered-parameter SQL as a Drizzle query, so it can run inside a Drizzle transaction. */
function drizzleQuery(text: string, values: unknown[] = []): SQL {
  const parts = text.split(/\$(\d+)/);
  return sql.join(
    parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${asParameter(values[Number(part) - 1])}`)),
    sql.raw(""),
  );
}

const inLedger = (ledger: Ledger): PgBoss.Db => ({ executeSql: async (text, values) => ({ rows: [...(await ledger.execute(drizzleQuery(text, values)))] }) });

// pg-boss wraps its schema changes in BEGIN … COMMIT; postgres.js runs a transaction only through begin().
const LOCKED = /^\s*BEGIN;([\s\S]*)COMMIT;\s*$/;

const onClient = (handle: DatabaseHandle): PgBoss.Db => ({
  executeSql: async (text, values) => {
    const locked = LOCKED.exec(text);
    // Without parameters postgres.js uses the simple protocol, which multi-statement text needs.
    if (locked) return { rows: [...((await handle.client.begin((tx) => tx.unsafe(locked[1]!))) as unknown as Iterable<unknown>)] };
    return { rows: [...(await handle.client.unsafe(text, (values ?? []).map(asParameter) as never[]))] };
  },
});

export function createJobQueue(handle: DatabaseHandle, options: Omit<PgBoss.ConstructorOptions, "db" | "schema"> = {}): PgBoss {
  return new PgBoss({ db: onClient(handle), schema: JOB_QUEUE_SCHEMA, ...options });
}

/** The queue's tables and queues, made once per deployment with the migrations (before any webhook can enqueue). */
export async function migrateJobQueue(handle: DatabaseHandle): Promise<void> {
  const boss = createJobQueue(handle, { supervise: false, schedule: false, migrate: true });
  boss.on("error", () => {});
  await boss.start();
  try {
    for (const queue of Object.values(QUEUES)) {
      if (!(await boss.getQueue(queue.name))) await boss.createQueue(queue.name, queue);
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

// Only for `send`, which needs no started instance: the job row is written through `ledger`.
const sender = new PgBoss({ db: { executeSql: () => Promise.reject(new Error("the sender writes only through a transaction")) }, schema: JOB_QUEUE_SCHEMA });

/**
 * Adds a job in the caller's transaction: it exists if and only if the transaction commits, so a
 * webhook's ledger write and the e-mail it causes are never one without the other.
 */
export async function enqueueJob(ledger: Ledger, queue: QueueName, data: object, retry: { retryDelay?: number } = {}): Promise<string> {
  const id = await sender.send(QUEUES[queue].name, data, { db: inLedger(ledger), ...retry });
  if (!id) throw new Error(`the ${queue} queue does not exist: run the migrations`);
  return id;
}
