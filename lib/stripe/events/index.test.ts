import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { HANDLED_EVENT_TYPES } from "./index";

it("README's going-live step names exactly the events the webhook handles", () => {
  const readme = readFileSync("README.md", "utf8");
  const step = /\*\*Webhook endpoint\*\*([\s\S]*?)Put its signing secret/.exec(readme)?.[1] ?? "";
  const named = [...step.matchAll(/`([a-z_]+(?:\.[a-z_]+)+)`/g)].map((m) => m[1]);
  expect(named.sort()).toEqual([...HANDLED_EVENT_TYPES].sort());
});
