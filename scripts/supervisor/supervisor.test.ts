import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { request, Agent } from "node:http";
import { createServer } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const DEADLINE_MS = 2000;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
const leaders: ChildProcess[] = [];

type Started = { leader: ChildProcess; pids: Record<string, number>; exit: Promise<{ code: number | null; signal: string | null; at: number }> };

async function startLeader(port: number, extra: string[] = []): Promise<Started> {
  const leader = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "testing/fake-leader.ts"), String(port), ...extra], {
    env: { ...process.env, STOP_DEADLINE_MS: String(DEADLINE_MS) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  leaders.push(leader);
  const exit = new Promise<{ code: number | null; signal: string | null; at: number }>((resolve) => leader.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })));
  const pids = await new Promise<Record<string, number>>((resolve, reject) => {
    let out = "";
    leader.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /ready (\{.*\})/.exec(out);
      if (m) resolve(JSON.parse(m[1]!) as Record<string, number>);
    });
    void exit.then(() => reject(new Error(`the leader exited before it was ready: ${out}`)));
  });
  return { leader, pids, exit };
}

/** Every process whose parent chain reaches `root` (and `root`): the tree a stop must leave empty. */
function tree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const p of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (fields[0] !== "Z") parents.set(Number(p), Number(fields[1]));
    } catch {
      // gone
    }
  }
  const out = parents.has(root) ? [root] : [];
  for (let i = 0; i < out.length; i++) for (const [pid, ppid] of parents) if (ppid === out[i]) out.push(pid);
  return out;
}

const alive = (pid: number) => {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]![0];
    return state !== "Z";
  } catch {
    return false;
  }
};

/** The supervisor's whole family: children, their children, and the watchdog (which is detached, so found by name). */
function family(s: Started): number[] {
  const watchdogs = readdirSync("/proc")
    .filter((n) => /^\d+$/.test(n))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, "utf8").includes("watchdog.cjs") && readFileSync(`/proc/${p}/stat`, "utf8").includes(` ${s.leader.pid} `);
      } catch {
        return false;
      }
    })
    .map(Number);
  return [...new Set([...Object.values(s.pids).flatMap(tree), ...watchdogs])];
}

const get = (port: number, urlPath: string, agent?: Agent) =>
  new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
    request({ host: "127.0.0.1", port, path: urlPath, agent }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, body, connection: res.headers.connection }));
    })
      .on("error", reject)
      .end();
  });

afterEach(() => {
  for (const l of leaders.splice(0)) if (l.exitCode === null && l.signalCode === null) l.kill("SIGKILL");
});

describe("the supervisor", () => {
  it("stops everything on SIGTERM within the deadline, lets a request in flight finish, and the port is free for a restart", async () => {
    const port = await freePort();
    const s = await startLeader(port);
    const everyone = family(s);
    expect(everyone.length).toBeGreaterThanOrEqual(5); // http, shell, sleep, stubborn, watchdog
    const agent = new Agent({ keepAlive: true });
    expect((await get(port, "/0", agent)).status).toBe(200); // leaves an idle keep-alive connection
    const inFlight = get(port, "/600");
    await new Promise((r) => setTimeout(r, 100));
    const sent = Date.now();
    s.leader.kill("SIGTERM");
    const answer = await inFlight;
    expect(answer.body).toBe("done /600");
    expect(answer.connection).toBe("close");
    const { code, at } = await s.exit;
    expect(code).toBe(0);
    // The stubborn child needs the SIGKILL after the deadline; nothing takes longer than that.
    expect(at - sent).toBeLessThan(DEADLINE_MS + 1500);
    await expect.poll(() => everyone.filter(alive), { timeout: 1000 }).toEqual([]);
    agent.destroy();

    const again = await startLeader(port);
    expect((await get(port, "/0")).body).toBe("done /0");
    again.leader.kill("SIGINT");
    expect((await again.exit).code).toBe(0);
  });

  it("stops everything and exits non-zero when one child dies", async () => {
    const s = await startLeader(await freePort());
    const everyone = family(s);
    process.kill(s.pids.shell!, "SIGKILL");
    const { code } = await s.exit;
    expect(code).toBe(1);
    await expect.poll(() => everyone.filter(alive), { timeout: DEADLINE_MS + 1000 }).toEqual([]);
  });

  it("leaves no orphan when the leader itself is killed with SIGKILL", async () => {
    const port = await freePort();
    const s = await startLeader(port);
    const everyone = family(s);
    s.leader.kill("SIGKILL");
    await s.exit;
    await expect.poll(() => everyone.filter(alive), { timeout: DEADLINE_MS + 1500, interval: 100 }).toEqual([]);
    const again = await startLeader(port);
    expect((await get(port, "/0")).status).toBe(200);
    again.leader.kill("SIGTERM");
    await again.exit;
  });

  it("takes the embedded database with it when the leader is killed, and the database starts again at once", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "masthead-supervisor-"));
    chmodSync(root, 0o755); // under root the server runs as the postgres account
    try {
      const dbArgs = ["--database", path.join(root, "postgres"), String(await freePort())];
      const s = await startLeader(await freePort(), dbArgs);
      const everyone = family(s);
      expect(everyone).toContain(s.pids.postmaster);
      s.leader.kill("SIGKILL");
      await s.exit;
      await expect.poll(() => everyone.filter(alive), { timeout: DEADLINE_MS + 1500, interval: 100 }).toEqual([]);
      const again = await startLeader(await freePort(), dbArgs);
      expect(alive(again.pids.postmaster!)).toBe(true);
      again.leader.kill("SIGTERM");
      expect((await again.exit).code).toBe(0);
      expect(alive(again.pids.postmaster!)).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
