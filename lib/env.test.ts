import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("gives a working default for every setting", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.EMBEDDED_DB_DIR).toBe(".data/postgres");
    expect(env.SITE_URL).toBe("http://localhost:3000");
    expect(env.PORT).toBe(3000);
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(parseEnv({ DATABASE_URL: "  " }).DATABASE_URL).toBeUndefined();
  });

  it("names every bad setting in one message", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", PORT: "eighty", REVALIDATE_SECRET: "short" })).toThrow(
      /DATABASE_URL: must be a postgres:\/\/[\s\S]*PORT:[\s\S]*REVALIDATE_SECRET: must be at least 16 characters/,
    );
  });

  it("asks for a long staff session secret and a bounded session length", () => {
    expect(parseEnv({}).STAFF_SESSION_HOURS).toBe(8);
    expect(() => parseEnv({ STAFF_SESSION_SECRET: "too-short" })).toThrow(/STAFF_SESSION_SECRET: must be at least 32 characters/);
    expect(() => parseEnv({ STAFF_SESSION_HOURS: "1000" })).toThrow(/STAFF_SESSION_HOURS/);
  });

  it("has an idle timeout beside the absolute one, and two-factor optional unless required", () => {
    expect(parseEnv({})).toMatchObject({ STAFF_SESSION_IDLE_MINUTES: 30, STAFF_REQUIRE_2FA: "0" });
    expect(parseEnv({ STAFF_SESSION_IDLE_MINUTES: "15", STAFF_REQUIRE_2FA: "1" })).toMatchObject({ STAFF_SESSION_IDLE_MINUTES: 15, STAFF_REQUIRE_2FA: "1" });
    expect(() => parseEnv({ STAFF_SESSION_IDLE_MINUTES: "0" })).toThrow(/STAFF_SESSION_IDLE_MINUTES/);
    expect(() => parseEnv({ STAFF_REQUIRE_2FA: "yes" })).toThrow(/STAFF_REQUIRE_2FA/);
  });

  it("drops a trailing slash from SITE_URL so paths join cleanly", () => {
    expect(parseEnv({ SITE_URL: "https://news.example/" }).SITE_URL).toBe("https://news.example");
  });
});
