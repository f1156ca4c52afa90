import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processEventOnce, readLedger, recordGift } from "./donations";

/**
 * Clients that misbehave, on purpose or by accident, against the database server the site uses
 * (the embedded one, and in CI also the server at TEST_DATABASE_URL). After each, the site's own
 * pool still answers and writes to the ledger, a connection another client opened before is the
 * same session as before, and the server has not restarted. The hand-written server PGlite needed
 * failed all of these; real PostgreSQL passes them by itself, and this proves it stays that way.
 */
const url = new URL(process.env.DATABASE_URL!);
const server = { host: url.hostname, port: Number(url.port || 5432) };
const user = decodeURIComponent(url.username);
const password = decodeURIComponent(url.password);
const database = url.pathname.slice(1);

let bystander: postgres.Sql;
let app: postgres.Sql;
let bystanderPid: number;
let startedAt: string;
let writes = 0;

beforeAll(async () => {
  bystander = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  app = postgres(process.env.DATABASE_URL!, { max: 4, onnotice: () => {} });
  const [row] = await bystander<{ pid: number; started: string }[]>`select pg_backend_pid() as pid, pg_postmaster_start_time()::text as started`;
  ({ pid: bystanderPid, started: startedAt } = row!);
});

afterAll(async () => {
  await bystander.end();
  await app.end();
});

/** The site still works: a query and a ledger write through the app's pool, quickly; the bystander's session survives; no server restart. */
async function expectHealthy(): Promise<void> {
  const started = Date.now();
  const [row] = await app`select ${41}::int + 1 as answer`;
  expect(row?.answer).toBe(42);
  const n = ++writes;
  await processEventOnce({ id: `evt_hostile_${n}`, type: "test.hostile", created: new Date() }, async (ledger) => {
    await recordGift(ledger, { frequency: "once", amount: 100 + n, currency: "eur", paidAt: new Date(), stripePaymentIntentId: `pi_hostile_${n}` });
  });
  const ledger = await readLedger();
  expect(ledger.gifts.filter((g) => g.stripePaymentIntentId?.startsWith("pi_hostile_"))).toHaveLength(n);
  const [same] = await bystander<{ pid: number; started: string }[]>`select pg_backend_pid() as pid, pg_postmaster_start_time()::text as started`;
  expect(same).toEqual({ pid: bystanderPid, started: startedAt });
  expect(Date.now() - started).toBeLessThan(5_000);
}

// ---- a raw protocol client --------------------------------------------------------------------

const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const message = (type: string, body: Buffer) => Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);
const startupPacket = (version: number, params: Record<string, string>) => {
  const body = Buffer.concat([int32(version), ...Object.entries(params).map(([k, v]) => Buffer.from(`${k}\0${v}\0`)), Buffer.from("\0")]);
  return Buffer.concat([int32(body.length + 4), body]);
};

type Raw = { socket: Socket; next: () => Promise<{ type: string; body: Buffer }>; closed: Promise<void> };

function rawConnect(): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = connect(server, () => resolve({ socket, next, closed }));
    socket.once("error", reject);
    let buffer = Buffer.alloc(0);
    let waiting: (() => void) | undefined;
    const closed = new Promise<void>((r) => socket.once("close", () => r()));
    void closed.then(() => waiting?.());
    socket.on("data", (d: Buffer) => {
      buffer = Buffer.concat([buffer, d]);
      waiting?.();
    });
    async function next(): Promise<{ type: string; body: Buffer }> {
      for (;;) {
        if (buffer.length >= 5 && buffer.length >= 1 + buffer.readInt32BE(1)) {
          const length = buffer.readInt32BE(1);
          const out = { type: String.fromCharCode(buffer[0]!), body: buffer.subarray(5, 1 + length) };
          buffer = buffer.subarray(1 + length);
          return out;
        }
        if (socket.destroyed) throw new Error("connection closed");
        await new Promise<void>((r) => (waiting = r));
      }
    }
  });
}

/** Within `ms`, the server closes the connection (after an ErrorResponse, when it sends one). */
async function expectClosedByServer(raw: Raw, ms = 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([raw.closed.then(() => "closed"), new Promise((r) => (timer = setTimeout(() => r("still open"), ms)))]);
  clearTimeout(timer);
  raw.socket.destroy();
  expect(outcome).toBe("closed");
}

/** A started, authenticated session (trust or SCRAM-SHA-256), at ReadyForQuery. */
async function rawSession(): Promise<Raw> {
  const raw = await rawConnect();
  raw.socket.write(startupPacket(196608, { user, database }));
  const clientNonce = randomBytes(18).toString("base64");
  let expectedServerSignature = "";
  for (;;) {
    const m = await raw.next();
    if (m.type === "E") throw new Error(`startup failed: ${m.body.toString()}`);
    if (m.type === "Z") return raw;
    if (m.type !== "R") continue;
    const code = m.body.readInt32BE(0);
    if (code === 10) {
      const first = `n=,r=${clientNonce}`;
      const body = Buffer.concat([Buffer.from("SCRAM-SHA-256\0"), int32(Buffer.byteLength(`n,,${first}`)), Buffer.from(`n,,${first}`)]);
      raw.socket.write(message("p", body));
      const serverFirst = (await raw.next()).body.subarray(4).toString();
      const attrs = Object.fromEntries(serverFirst.split(",").map((kv) => [kv[0], kv.slice(2)]));
      const salted = pbkdf2Sync(password, Buffer.from(attrs.s!, "base64"), Number(attrs.i), 32, "sha256");
      const clientKey = createHmac("sha256", salted).update("Client Key").digest();
      const storedKey = createHash("sha256").update(clientKey).digest();
      const finalWithoutProof = `c=biws,r=${attrs.r}`;
      const authMessage = `${first},${serverFirst},${finalWithoutProof}`;
      const signature = createHmac("sha256", storedKey).update(authMessage).digest();
      const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]!)).toString("base64");
      expectedServerSignature = createHmac("sha256", createHmac("sha256", salted).update("Server Key").digest()).update(authMessage).digest("base64");
      raw.socket.write(message("p", Buffer.from(`${finalWithoutProof},p=${proof}`)));
    } else if (code === 12) {
      expect(m.body.subarray(4).toString()).toBe(`v=${expectedServerSignature}`);
    } else if (code !== 0) {
      throw new Error(`unexpected authentication request ${code}`);
    }
  }
}

describe("hostile clients", () => {
  it("an 8-byte startup packet with length 0: the connection is closed, nothing else notices", async () => {
    const raw = await rawConnect();
    raw.socket.write(Buffer.from([0, 0, 0, 0, 0, 3, 0, 0]));
    await expectClosedByServer(raw);
    await expectHealthy();
  });

  it("an SSLRequest of length 0", async () => {
    const raw = await rawConnect();
    raw.socket.write(Buffer.concat([int32(0), int32(80877103)]));
    await expectClosedByServer(raw);
    await expectHealthy();
  });

  it("a startup packet of length -1, and a message of length -1 after authentication", async () => {
    const before = await rawConnect();
    before.socket.write(Buffer.concat([int32(-1), int32(196608)]));
    await expectClosedByServer(before);
    const after = await rawSession();
    after.socket.write(Buffer.concat([Buffer.from("Q"), int32(-1), Buffer.from("select 1\0")]));
    await expectClosedByServer(after);
    await expectHealthy();
  });

  it("random bytes, before and after authentication", async () => {
    for (let i = 0; i < 5; i++) {
      const raw = await rawConnect();
      raw.socket.write(randomBytes(4096));
      await expectClosedByServer(raw);
    }
    const session = await rawSession();
    // A valid frame of garbage, then garbage frames: an unknown type byte ends the session.
    session.socket.write(Buffer.concat([Buffer.from("\x01"), int32(1000), randomBytes(996), randomBytes(8192)]));
    await expectClosedByServer(session);
    await expectHealthy();
  });

  it("an unknown message type: an error for that client only", async () => {
    const raw = await rawSession();
    raw.socket.write(message("y", Buffer.alloc(0)));
    const reply = await raw.next();
    expect(reply.type).toBe("E");
    expect(reply.body.toString()).toMatch(/invalid frontend message type/);
    await expectClosedByServer(raw);
    await expectHealthy();
  });

  it("an unsupported protocol version", async () => {
    const raw = await rawConnect();
    raw.socket.write(startupPacket(0x00090009, { user, database }));
    const reply = await raw.next();
    expect(reply.type).toBe("E");
    expect(reply.body.toString()).toMatch(/unsupported frontend protocol/);
    await expectClosedByServer(raw);
    await expectHealthy();
  });

  it("a client idle in a transaction holding a ledger row, and a slow query, block no one else", async () => {
    const idle = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const reserved = await idle.reserve();
    try {
      await reserved`begin`;
      await reserved`insert into gifts (frequency, amount, currency, paid_at, stripe_payment_intent_id) values ('once', 1, 'eur', now(), 'pi_idle')`;
      const slow = app`select pg_sleep(3)`.execute();
      await new Promise((r) => setTimeout(r, 100));
      const t = Date.now();
      await expectHealthy();
      expect(Date.now() - t).toBeLessThan(2_000);
      slow.cancel();
      await expect(slow).rejects.toMatchObject({ code: "57014" }); // the cancel request is honoured
      await reserved`rollback`;
    } finally {
      reserved.release();
      await idle.end();
    }
  });

  it("SET search_path and session settings on one connection stay on that connection", async () => {
    const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      await other`set search_path to nowhere`;
      await other`set statement_timeout to 1`;
      await expect(other`select count(*) from gifts`).rejects.toThrow(/does not exist/);
      const [row] = await bystander<{ search_path: string }[]>`show search_path`;
      expect(row?.search_path).toBe('"$user", public');
      await expectHealthy();
    } finally {
      await other.end();
    }
  });

  it("clients using prepared statements, with the same names on several connections, never collide", async () => {
    const clients = [1, 2, 3].map(() => postgres(process.env.DATABASE_URL!, { max: 2, prepare: true, onnotice: () => {} }));
    try {
      const results = await Promise.all(
        Array.from({ length: 150 }, (_, i) => clients[i % 3]!`select ${i}::int as v, count(*)::int as n from gifts where amount > ${i}`.then((r) => r[0]?.v)),
      );
      expect(results).toEqual(Array.from({ length: 150 }, (_, i) => i));
      // What pgbench -M prepared does: the same explicit statement name on each connection.
      await Promise.all(clients.map((c) => c.begin(async (tx) => {
        await tx.unsafe("prepare p_0 as select $1::int + 1");
        const [r] = await tx.unsafe("execute p_0(1)");
        expect(r?.["?column?"]).toBe(2);
        await tx.unsafe("deallocate p_0");
      })));
      await expectHealthy();
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });

  it("a client-side COPY (psql \\copy, pgbench -i) stays in its own session", async () => {
    const copier = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      await copier`create temporary table copied (id int, name text)`;
      const stream = await copier`copy copied from stdin`.writable();
      await new Promise<void>((resolve, reject) => {
        stream.on("error", reject);
        stream.write("1\tone\n2\ttwo\n");
        stream.end("3\tthree\n", () => resolve());
      });
      await expect.poll(async () => (await copier`select count(*)::int as n from copied`)[0]?.n).toBe(3);
      await expectHealthy();
    } finally {
      await copier.end();
    }
  });

  it.runIf(process.env.TEST_DB_SERVER === "embedded")("the embedded server lets in only its user with its password", async () => {
    const wrongPassword = new URL(process.env.DATABASE_URL!);
    wrongPassword.password = "not-the-password";
    const wrongUser = new URL(process.env.DATABASE_URL!);
    wrongUser.username = "mallory";
    for (const u of [wrongPassword, wrongUser]) {
      const sql = postgres(u.toString(), { max: 1, onnotice: () => {} });
      await expect(sql`select 1`).rejects.toMatchObject({ code: "28P01" });
      await sql.end();
    }
    await expectHealthy();
  });
});
