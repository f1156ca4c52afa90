import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const here = import.meta.dirname;
const root = path.resolve(here, "../../..");
const importsOf = (source: string) => [...source.matchAll(/^\s*(?:import|export)[^'"]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1] ?? "");

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => /\.(ts|tsx|mjs)$/.test(file) && !file.split(path.sep).includes("node_modules"))
    .map((file) => path.join(dir, file));
}

describe("the emulator's boundary", () => {
  it("imports nothing from the app: only its own files, Node, zod and the stripe SDK (and vitest, for its test support)", () => {
    const files = filesUnder(here).filter((file) => !file.endsWith(".test.ts"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      for (const specifier of importsOf(readFileSync(file, "utf8"))) {
        const allowed = /^\.\/[a-z-]+$|^node:|^zod$|^stripe$/.test(specifier) || (file.endsWith("test-support.ts") && specifier === "vitest");
        expect(allowed, `${path.relative(root, file)} imports ${specifier}`).toBe(true);
      }
    }
  });

  it("is used by the app only through index.ts (and by tests through test-support.ts)", () => {
    const outside = ["app", "lib", "db", "scripts", "bench", "e2e", "e2e-serving", "proxy.ts"]
      .flatMap((entry) => (entry.endsWith(".ts") ? [path.join(root, entry)] : filesUnder(path.join(root, entry))))
      .filter((file) => !file.startsWith(here + path.sep));
    let users = 0;
    for (const file of outside) {
      for (const specifier of importsOf(readFileSync(file, "utf8"))) {
        const target = specifier.startsWith("@/") ? path.join(root, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(file), specifier) : null;
        if (target === null || (target !== here && !target.startsWith(here + path.sep))) continue;
        users++;
        const entry = path.relative(here, target);
        const allowed = entry === "" || entry === "index" || (file.endsWith(".test.ts") && entry === "test-support");
        expect(allowed, `${path.relative(root, file)} imports ${specifier}`).toBe(true);
      }
    }
    expect(users).toBeGreaterThanOrEqual(3);
  });
});
