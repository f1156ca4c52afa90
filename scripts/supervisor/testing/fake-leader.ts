/**
 * A start command in miniature for supervisor.test.ts: a process that ignores SIGTERM, a shell with
 * a child of its own, and an HTTP server (graceful-http preloaded) on the port given. Prints
 * `ready <json of pids>` once the server listens. With `--database <dir> <port>`, the embedded
 * PostgreSQL server comes first, as in `npm start`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "@/db/embedded-postgres";
import { gracefulHttp, Supervisor } from "../index";

const port = Number(process.argv[2]);
const supervisor = new Supervisor({ deadlineMs: Number(process.env.STOP_DEADLINE_MS ?? 2000), log: (line) => console.error(line) });
const database = process.argv.indexOf("--database");
let postmaster: number | undefined;
if (database > 0) {
  const dir = process.argv[database + 1]!;
  await startEmbeddedPostgres({ dir, port: Number(process.argv[database + 2]), onSpawn: (child, signal) => supervisor.adopt("database", child, signal) });
  postmaster = Number(readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0]);
}
const shell = supervisor.spawn("shell", "sh", ["-c", "sleep 300 & wait"], { stdio: "ignore" });
const stubborn = supervisor.spawn("stubborn", process.execPath, ["-e", `process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)`], { stdio: "ignore" });
// Stopped newest first: the server goes before the processes it would depend on.
const http = supervisor.spawn(
  "http",
  process.execPath,
  [
    "--require",
    gracefulHttp,
    "-e",
    // Stops the way Next.js does: server.close(), which waits for every connection to end.
    `const server = require("node:http").createServer((req, res) => setTimeout(() => res.end("done " + req.url), Number(req.url.slice(1)) || 0));
     server.listen(${port}, "127.0.0.1", () => console.log("listening"));
     process.on("SIGTERM", () => server.close(() => process.exit(0)));`,
  ],
  { stdio: ["ignore", "pipe", "inherit"] },
);
http.stdout!.once("data", () => console.log(`ready ${JSON.stringify({ http: http.pid, shell: shell.pid, stubborn: stubborn.pid, ...(postmaster && { postmaster }) })}`));
