import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { embeddedServerFile, redactUrl, resolveDatabaseTarget } from "./client";

describe("resolveDatabaseTarget", () => {
  const dir = () => path.join(mkdtempSync(path.join(tmpdir(), "masthead-")), "pglite");

  it("prefers DATABASE_URL", () => {
    expect(resolveDatabaseTarget({ DATABASE_URL: "postgres://u@h/db", PGLITE_DIR: dir() })).toEqual({ kind: "url", url: "postgres://u@h/db" });
  });

  it("uses in-process PGlite when nothing is running", () => {
    const d = dir();
    expect(resolveDatabaseTarget({ DATABASE_URL: undefined, PGLITE_DIR: d })).toEqual({ kind: "pglite", dir: d });
  });

  it("joins the embedded server a live start command is running", () => {
    const d = dir();
    writeFileSync(embeddedServerFile(d), JSON.stringify({ pid: process.pid, url: "postgres://postgres@127.0.0.1:5999/postgres" }));
    expect(resolveDatabaseTarget({ DATABASE_URL: undefined, PGLITE_DIR: d })).toEqual({
      kind: "url",
      url: "postgres://postgres@127.0.0.1:5999/postgres",
      embedded: true,
    });
  });

  it("ignores the file a dead start command left behind", () => {
    const d = dir();
    writeFileSync(embeddedServerFile(d), JSON.stringify({ pid: 2 ** 22 + 17, url: "postgres://postgres@127.0.0.1:5999/postgres" }));
    expect(resolveDatabaseTarget({ DATABASE_URL: undefined, PGLITE_DIR: d }).kind).toBe("pglite");
  });
});

describe("redactUrl", () => {
  it("never prints a password", () => {
    expect(redactUrl("postgres://user:hunter2@db.example:5432/news")).toBe("postgres://user:***@db.example:5432/news");
  });
});
