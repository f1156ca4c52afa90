import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedServer, type EmbeddedServer } from "./embedded-server";

describe("embedded database server", () => {
  let server: EmbeddedServer;
  const clients: postgres.Sql[] = [];
  const connect = () => {
    const sql = postgres(server.url, { max: 4, prepare: false, onnotice: () => {} });
    clients.push(sql);
    return sql;
  };

  beforeAll(async () => {
    server = await startEmbeddedServer(path.join(mkdtempSync(path.join(tmpdir(), "masthead-embedded-")), "pglite"), 0);
    await connect()`create table counter (id int primary key, n int not null)`;
    await clients[0]!`insert into counter values (1, 0)`;
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await server.stop();
  });

  it("keeps concurrent parameterised queries from several clients apart", async () => {
    const a = connect();
    const b = connect();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b)`select ${i}::int as v, ${`s${i}`}::text as s`.then((r) => r[0])),
    );
    results.forEach((row, i) => expect(row).toEqual({ v: i, s: `s${i}` }));
  });

  it("isolates transactions: concurrent increments are never lost", async () => {
    const a = connect();
    const b = connect();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).begin(async (tx) => {
          const [row] = await tx`select n from counter where id = 1`;
          await tx`update counter set n = ${(row?.n as number) + 1} where id = 1`;
        }),
      ),
    );
    const [row] = await a`select n from counter where id = 1`;
    expect(row?.n).toBe(40);
  });

  it("rolls back the open transaction of a client that disconnects", async () => {
    const a = postgres(server.url, { max: 1, prepare: false, onnotice: () => {} });
    await a`begin`;
    await a`update counter set n = -1 where id = 1`;
    await a.end({ timeout: 0 });
    const [row] = await connect()`select n from counter where id = 1`;
    expect(row?.n).toBe(40);
  });
});
