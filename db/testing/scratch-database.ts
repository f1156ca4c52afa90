import postgres from "postgres";

export type ScratchDatabase = { url: string; drop: () => Promise<void> };

const LOOPBACK = ["127.0.0.1", "localhost", "::1", "[::1]"];

/**
 * A database of its own on a PostgreSQL server (tests, e2e, benchmarks, the soak), so runs never
 * share state. Refuses a server that is not on this machine: these runs create and drop databases.
 */
export async function createScratchDatabase(adminUrl: string, prefix: string): Promise<ScratchDatabase> {
  const host = new URL(adminUrl).hostname;
  if (!LOOPBACK.includes(host)) throw new Error(`Refusing to create test databases on a non-local server (${host}).`);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
