/**
 * One supervisor for the start commands: every child runs in a process group of its own, and
 *  - SIGTERM, SIGINT or SIGHUP to this process stops them all, newest first (the site before the
 *    database it uses), each with its stop signal, then SIGKILL to the group after the deadline;
 *  - a child that dies while it should be running stops everything, and this process exits 1;
 *  - if this process itself is killed (SIGKILL too), a watchdog stops the groups; if its parent
 *    goes (npm killed), it stops everything itself. No orphans keep a port or a data folder.
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import type { Socket } from "node:net";
import path from "node:path";

const here = import.meta.dirname;
/** `node --require` this into a Node.js HTTP server so a stop finishes in-flight requests and closes keep-alive connections. */
export const gracefulHttp = path.join(here, "graceful-http.cjs");
/** `node --require` this into a Next.js server: request lines it should never work on are answered first (see the file). */
export const requestGuard = path.join(here, "request-guard.cjs");

type Stoppable = { name: string; stop: () => Promise<void> };

export type SupervisorOptions = {
  /** How long each child gets after its stop signal before SIGKILL. */
  deadlineMs?: number;
  log?: (line: string) => void;
  /** Exit code after a stop asked for by a signal. */
  signalExitCode?: number;
  /** False inside a host that handles its own signals (a test runner): only the watchdog then. */
  handleSignals?: boolean;
};

export class Supervisor {
  private readonly stoppables: Stoppable[] = [];
  private readonly watchdog: ChildProcess;
  private readonly deadlineMs: number;
  private readonly log: (line: string) => void;
  private stopping: Promise<never> | undefined;

  constructor({ deadlineMs = 10_000, log = (line) => console.error(line), signalExitCode = 0, handleSignals = true }: SupervisorOptions = {}) {
    this.deadlineMs = deadlineMs;
    this.log = log;
    this.watchdog = spawn(process.execPath, [path.join(here, "watchdog.cjs"), String(deadlineMs)], { detached: true, stdio: ["pipe", "ignore", "inherit"] });
    this.watchdog.unref();
    (this.watchdog.stdin as Socket).unref();
    this.watchdog.on("exit", () => {
      if (!this.stopping && handleSignals) {
        this.log("the watchdog exited; stopping everything.");
        void this.stop(1);
      }
    });
    if (!handleSignals) return;
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void this.stop(signalExitCode));
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) {
        this.log("the parent process is gone; stopping everything.");
        void this.stop(1);
      }
    }, 250).unref();
  }

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  private tell(line: string): void {
    if (this.watchdog.stdin?.writable) this.watchdog.stdin.write(`${line}\n`);
  }

  /** Spawns a long-running child; its death stops everything. */
  spawn(name: string, command: string, args: string[], options: SpawnOptions & { stopSignal?: NodeJS.Signals } = {}): ChildProcess {
    const { stopSignal = "SIGTERM", ...spawnOptions } = options;
    const child = spawn(command, args, { stdio: "inherit", ...spawnOptions, detached: true });
    this.adopt(name, child, stopSignal);
    return child;
  }

  /**
   * Supervises a child spawned elsewhere; it must be `detached` (a group of its own). Unless
   * `oneShot`, its exit while running stops everything with exit code 1.
   */
  adopt(name: string, child: ChildProcess, stopSignal: NodeJS.Signals = "SIGTERM", { oneShot = false } = {}): void {
    const pgid = child.pid;
    if (!pgid) throw new Error(`${name} did not start`);
    this.tell(`add ${pgid} ${stopSignal}`);
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-pgid, signal);
      } catch {
        // gone
      }
    };
    child.once("exit", (code, signal) => {
      // Whatever the group leader left behind (build workers, server backends) goes with it.
      killGroup("SIGKILL");
      this.tell(`del ${pgid}`);
      if (!this.stopping && !oneShot) {
        this.log(`${name} exited (${signal ?? `code ${code}`}); stopping everything.`);
        void this.stop(1);
      }
    });
    this.stoppables.push({
      name,
      stop: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const timer = setTimeout(() => {
          this.log(`${name} did not stop within ${this.deadlineMs / 1000} s; killing it.`);
          killGroup("SIGKILL");
        }, this.deadlineMs);
        killGroup(stopSignal);
        await exited;
        clearTimeout(timer);
      },
    });
  }

  /** Runs a child to completion (a build); a stop meanwhile ends it too. Resolves with its exit code. */
  run(name: string, command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
    const child = spawn(command, args, { stdio: "inherit", ...options, detached: true });
    this.adopt(name, child, "SIGTERM", { oneShot: true });
    return new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  }

  /** Something in this process to stop in order with the children (the Stripe emulator). */
  onStop(name: string, stop: () => Promise<void>): void {
    this.stoppables.push({ name, stop });
  }

  /** Stops everything, newest first, then exits with `code`. Idempotent: the first call's code wins. */
  stop(code: number): Promise<never> {
    this.stopping ??= (async () => {
      for (const s of [...this.stoppables].reverse()) {
        await s.stop().catch((error: unknown) => this.log(`stopping ${s.name}: ${(error as Error).message}`));
      }
      this.watchdog.stdin?.end();
      process.exit(code);
    })();
    return this.stopping;
  }
}
