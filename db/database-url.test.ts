import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseUrl, DatabaseUnreachableError, embeddedPaths, redactUrl } from "./database-url";

describe("databaseUrl", () => {
  const dir = () => path.join(mkdtempSync(path.join(tmpdir(), "masthead-")), "postgres");

  it("prefers DATABASE_URL", () => {
    expect(databaseUrl({ DATABASE_URL: "postgres://u@h/db", EMBEDDED_DB_DIR: dir(), EMBEDDED_DB_PORT: 54329 })).toBe("postgres://u@h/db");
  });

  it("points at the embedded server on loopback with its generated password", () => {
    const d = dir();
    writeFileSync(embeddedPaths(d).passwordFile, "p/w+1\n");
    expect(databaseUrl({ DATABASE_URL: undefined, EMBEDDED_DB_DIR: d, EMBEDDED_DB_PORT: 54000 })).toBe("postgres://postgres:p%2Fw%2B1@127.0.0.1:54000/masthead");
  });

  it("says how to create the embedded database when there is none", () => {
    expect(() => databaseUrl({ DATABASE_URL: undefined, EMBEDDED_DB_DIR: dir(), EMBEDDED_DB_PORT: 54329 })).toThrow(DatabaseUnreachableError);
    expect(() => databaseUrl({ DATABASE_URL: undefined, EMBEDDED_DB_DIR: dir(), EMBEDDED_DB_PORT: 54329 })).toThrow(/npm start/);
  });
});

describe("redactUrl", () => {
  it("never prints a password", () => {
    expect(redactUrl("postgres://user:hunter2@db.example:5432/news")).toBe("postgres://user:***@db.example:5432/news");
  });
});
