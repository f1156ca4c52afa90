import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo, type Socket } from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { embeddedServerFile } from "./client";

export type EmbeddedServer = { url: string; stop: () => Promise<void> };

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

type Connection = { socket: Socket; buffer: Buffer; started: boolean; pending: Buffer[]; closed: boolean };

/**
 * Serves one file-backed PGlite database over the PostgreSQL protocol on loopback, so the build
 * workers, the site and the import command (separate processes) all reach the one embedded database.
 *
 * PGlite is a single session, so connections take turns: a connection keeps the session from its
 * first message until a Sync or simple Query leaves it outside a transaction. That keeps one
 * client's Parse/Bind/Execute sequence and its transactions from interleaving with another's
 * (pglite-socket 0.2 interleaves them per message: "unnamed prepared statement does not exist").
 */
export class SessionMultiplexer {
  private owner: Connection | null = null;
  private readonly queue: Connection[] = [];
  private running = false;

  constructor(private readonly db: PGlite) {}

  attach(socket: Socket): void {
    const conn: Connection = { socket, buffer: Buffer.alloc(0), started: false, pending: [], closed: false };
    socket.setNoDelay(true);
    socket.on("data", (chunk) => {
      conn.buffer = Buffer.concat([conn.buffer, chunk]);
      this.split(conn);
      this.enqueue(conn);
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => void this.detach(conn));
  }

  private split(conn: Connection): void {
    for (;;) {
      if (!conn.started) {
        if (conn.buffer.length < 8) return;
        const length = conn.buffer.readInt32BE(0);
        if (conn.buffer.length < length) return;
        const code = conn.buffer.readInt32BE(4);
        const message = conn.buffer.subarray(0, length);
        conn.buffer = conn.buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) conn.socket.write("N");
        else if (code === CANCEL_REQUEST) conn.socket.end();
        else {
          conn.started = true;
          conn.pending.push(message);
        }
        continue;
      }
      if (conn.buffer.length < 5) return;
      const length = 1 + conn.buffer.readInt32BE(1);
      if (conn.buffer.length < length) return;
      conn.pending.push(conn.buffer.subarray(0, length));
      conn.buffer = conn.buffer.subarray(length);
    }
  }

  private enqueue(conn: Connection): void {
    if (conn.pending.length > 0 && conn !== this.owner && !this.queue.includes(conn)) this.queue.push(conn);
    void this.run();
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        if (!this.owner) this.owner = this.queue.shift() ?? null;
        const conn = this.owner;
        if (!conn) return;
        const message = conn.pending.shift();
        if (!message) return; // the owner is mid-sequence and has not sent its next message yet
        await this.execute(conn, message);
        const type = conn.started && message.length > 0 ? String.fromCharCode(message[0]!) : "";
        const boundary = type === "S" || type === "Q" || message.readInt32BE(0) === message.length;
        if (conn.closed || (boundary && !this.db.isInTransaction())) {
          this.owner = null;
          if (!conn.closed && conn.pending.length > 0) this.queue.push(conn);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async execute(conn: Connection, message: Buffer): Promise<void> {
    if (message[0] === 0x58 /* Terminate */) {
      conn.socket.end();
      return;
    }
    try {
      await this.db.execProtocolRawStream(new Uint8Array(message), {
        onRawData: (data: Uint8Array) => {
          if (!conn.closed && conn.socket.writable) conn.socket.write(data);
        },
      });
    } catch {
      conn.socket.destroy();
    }
  }

  private async detach(conn: Connection): Promise<void> {
    conn.closed = true;
    conn.pending = [];
    const index = this.queue.indexOf(conn);
    if (index >= 0) this.queue.splice(index, 1);
    if (this.owner === conn) {
      if (this.db.isInTransaction()) await this.db.exec("ROLLBACK").catch(() => {});
      this.owner = null;
      void this.run();
    }
  }
}

export async function startEmbeddedServer(dir: string, port: number): Promise<EmbeddedServer> {
  const dataDir = path.resolve(dir);
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const multiplexer = new SessionMultiplexer(db);
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    multiplexer.attach(socket);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
  } catch (error) {
    await db.close();
    const e = error as NodeJS.ErrnoException;
    throw new Error(
      e.code === "EADDRINUSE"
        ? `Port ${port} for the embedded database is taken (is another "npm start" running?). Set EMBEDDED_DB_PORT to another port.`
        : `Could not start the embedded database: ${e.message}`,
    );
  }
  const url = `postgres://postgres@127.0.0.1:${(server.address() as AddressInfo).port}/postgres`;
  const file = embeddedServerFile(dir);
  writeFileSync(file, JSON.stringify({ pid: process.pid, url }));
  return {
    url,
    stop: async () => {
      rmSync(file, { force: true });
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
