import { connect } from "node:net";
import { databaseUrl } from "@/db/database-url";
import { env } from "@/lib/env";

// A failure is remembered longer than a success, so an outage is noticed within half a second
// while a down database is not probed on every request.
const UP_CACHE_MS = 500;
const DOWN_CACHE_MS = 2_000;
const PROBE_TIMEOUT_MS = 700;
let last: { at: number; up: boolean } | null = null;

function probe(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * Whether the database server accepts connections, probed at most twice a second. Lets pages
 * that cannot work without it answer a calm 503 at once instead of failing after a timeout.
 */
export async function isDatabaseReachable(): Promise<boolean> {
  if (last && Date.now() - last.at < (last.up ? UP_CACHE_MS : DOWN_CACHE_MS)) return last.up;
  let up = false;
  try {
    const url = new URL(databaseUrl(env));
    up = await probe(url.hostname.replace(/^\[|\]$/g, ""), Number(url.port || 5432));
  } catch {
    // no embedded database created yet: down
  }
  last = { at: Date.now(), up };
  return up;
}
