// The supervisor's watchdog (scripts/supervisor/index.ts). It reads "add <pgid> <signal>" and
// "del <pgid>" lines on stdin; its stdin is a pipe only the supervisor holds, so end-of-file means
// the supervisor is gone, however it died (SIGKILL included). Then it stops every process group it
// still knows: their stop signal, SIGKILL after the deadline. Group signals meant for the supervisor's
// terminal do not reach it (its own process group), and it ignores the polite ones.
"use strict";
const deadlineMs = Number(process.argv[2] || 10000);
const groups = new Map();
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => {});

const alive = (pgid) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
};
const send = (pgid, signal) => {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
};

let buffer = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  buffer += chunk;
  let newline;
  while ((newline = buffer.indexOf("\n")) >= 0) {
    const [verb, pgid, signal] = buffer.slice(0, newline).split(" ");
    buffer = buffer.slice(newline + 1);
    if (verb === "add") groups.set(Number(pgid), signal || "SIGTERM");
    else if (verb === "del") groups.delete(Number(pgid));
  }
});
process.stdin.on("end", () => {
  const left = [...groups].filter(([pgid]) => alive(pgid));
  if (left.length === 0) process.exit(0);
  for (const [pgid, signal] of left) send(pgid, signal);
  const until = Date.now() + deadlineMs;
  const timer = setInterval(() => {
    const still = left.filter(([pgid]) => alive(pgid));
    if (still.length === 0 || Date.now() > until) {
      for (const [pgid] of still) send(pgid, "SIGKILL");
      clearInterval(timer);
      process.exit(0);
    }
  }, 50);
});
