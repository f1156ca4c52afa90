/**
 * What the production-recipe tests (playwright.serving.config.ts) need: Debian's varnish, nginx and its
 * brotli filter (installed with apt when missing and we are root) and a Redis server (E2E_REDIS_URL,
 * default 127.0.0.1:6379).
 * In CI both are required; elsewhere the suite is skipped with the reason.
 */
import { existsSync } from "node:fs";
import { createConnection } from "node:net";
import { missingFrontPackages } from "@/deploy/nginx/config";

const hasVarnish = () => ["/usr/sbin/varnishd", "/usr/local/sbin/varnishd"].some((p) => existsSync(p));

function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(2_000);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (d) => {
      socket.destroy();
      resolve(d.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** "run", or "skip" (not in CI: said why), or "fail" (in CI: said why). */
export async function servingReady(run: (label: string, command: string, args: string[]) => boolean): Promise<"run" | "skip" | "fail"> {
  const packages = () => [...(hasVarnish() ? [] : ["varnish"]), ...missingFrontPackages()];
  if (packages().length > 0 && process.getuid?.() === 0) {
    run(`Installing Debian's ${packages().join(", ")} for the production-recipe tests`, "sh", ["-c", `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages().join(" ")} >/dev/null`]);
  }
  const redisUrl = process.env.E2E_REDIS_URL ?? "redis://127.0.0.1:6379";
  const missing = [...(packages().length > 0 ? [`Debian's ${packages().join(", ")} (apt-get install -y ${packages().join(" ")})`] : []), ...((await redisAnswers(redisUrl)) ? [] : [`a Redis server at ${redisUrl}`])];
  if (missing.length === 0) return "run";
  const message = `The production-recipe tests need ${missing.join(" and ")}.`;
  if (process.env.CI) {
    console.error(`\n✗ ${message}`);
    return "fail";
  }
  console.log(`\n⚠ Skipping the production-recipe tests: ${message}`);
  return "skip";
}
