import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedServerRunning } from "./database-url";
import { startEmbeddedPostgres } from "./embedded-postgres";

const root = mkdtempSync(path.join(tmpdir(), "masthead-embedded-"));
chmodSync(root, 0o755); // under root the server runs as the postgres account, which must reach its folder
const dir = path.join(root, "postgres");
afterAll(() => rmSync(root, { recursive: true, force: true }));

const listen = (port = 0) =>
  new Promise<Server>((resolve) => {
    const s = createServer((socket) => socket.on("error", () => {})).listen(port, "127.0.0.1", () => resolve(s));
  });
const portOf = (s: Server) => (s.address() as { port: number }).port;

describe("the embedded PostgreSQL server", () => {
  it("is created once, keeps its data across restarts, and is fsync'd, loopback-only and password-protected", async () => {
    const probe = await listen();
    const port = portOf(probe);
    await new Promise((r) => probe.close(r));

    const first = await startEmbeddedPostgres({ dir, port });
    expect(first.created).toBe(true);
    expect(embeddedServerRunning(dir)).toBe(true);
    const sql = postgres(first.url, { max: 1, onnotice: () => {} });
    await sql`create table kept (n int)`;
    await sql`insert into kept values (7)`;
    const settings = await sql`select name, setting from pg_settings where name in ('fsync', 'listen_addresses', 'unix_socket_directories', 'password_encryption') order by name`;
    expect(Object.fromEntries(settings.map((r) => [r.name, r.setting]))).toEqual({
      fsync: "on",
      listen_addresses: "127.0.0.1",
      password_encryption: "scram-sha-256",
      unix_socket_directories: "",
    });
    await sql.end();
    await first.stop();
    expect(embeddedServerRunning(dir)).toBe(false);

    const second = await startEmbeddedPostgres({ dir, port });
    expect(second.created).toBe(false);
    const again = postgres(second.url, { max: 1, onnotice: () => {} });
    expect((await again`select n from kept`)[0]?.n).toBe(7);
    await again.end();
    await second.stop();
  });

  it("says the port is taken, and never talks to whatever else listens there", async () => {
    // Something that accepts connections and answers nothing: a client that trusted the port would hang.
    const squatter = await listen();
    try {
      await expect(startEmbeddedPostgres({ dir, port: portOf(squatter) })).rejects.toThrow(`Port ${portOf(squatter)} for the embedded database is taken`);
      expect(embeddedServerRunning(dir)).toBe(false);
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  });
});
