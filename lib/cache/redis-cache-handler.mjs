// Next.js `cacheHandler` (next.config.mjs sets it when REDIS_URL is set at build time): one cache for
// every app instance, so a page rendered or revalidated on one instance is what every instance serves.
//
// Plain JavaScript on purpose: Next.js loads this file itself at server start, in the standalone
// server too, where there is no TypeScript loader.
//
// - Entries live in Redis under the build's id (a new build never serves an old build's HTML, whose
//   script URLs no longer exist), with a TTL so the store stays bounded.
// - Pages prerendered by `next build` are read from the build output on disk when Redis has nothing
//   newer (Next's own FileSystemCache does that part; this file never writes to disk). That class is
//   internal to Next.js (16.4.6 here): re-run the serving tests on every Next.js upgrade.
// - Invalidation is by tag timestamps in one Redis hash: `revalidateTag` on any instance records
//   "tag expired at T", and every `get` on every instance drops an entry older than T for any of its
//   tags (explicit tags, the page's x-next-cache-tags and the path's soft tags). No tag→keys sets to
//   grow or race; the same model as Next's own in-process tags manifest, only shared.
// - Redis trouble never breaks a page: a failed read is a miss (the page renders), a failed write is
//   logged and dropped.
import { readFileSync } from "node:fs";
import path from "node:path";
import Redis from "ioredis";
import FileSystemCacheModule from "next/dist/server/lib/incremental-cache/file-system-cache.js";

const FileSystemCache = FileSystemCacheModule.default ?? FileSystemCacheModule;

const PREFIX = process.env.REDIS_CACHE_PREFIX || "masthead:next:";
const TAGS_KEY = `${PREFIX}tags`;
/** Upper bound on how long an entry stays in Redis; Next re-renders it on the next request after that. */
const MAX_TTL_SECONDS = 14 * 86400;
const NOT_FOUND_TTL_SECONDS = 600;
/**
 * A render that read its data just before a revalidation can finish just after it. An entry stored
 * within this window after one of its tags was revalidated is stored as already expired, so the next
 * request renders again instead of keeping the old text until the next correction.
 */
const RACE_WINDOW_MS = 5_000;
const TIMEOUT_MS = Number(process.env.REDIS_CACHE_TIMEOUT_MS || 500);

/** Shared with lib/http-cache/purge.ts: tag writes still in flight, awaited before purging the HTTP cache. */
const PENDING = Symbol.for("masthead.cache.pendingTagWrites");
const pendingTagWrites = (globalThis[PENDING] ??= new Set());

let client;
let lastErrorLog = 0;

function logError(what, error) {
  // One line at most every 10 s: a Redis outage must not flood the log at page-view rate.
  if (Date.now() - lastErrorLog < 10_000) return;
  lastErrorLog = Date.now();
  console.error(`[redis-cache-handler] ${what}: ${error?.message ?? error}`);
}

function redis() {
  if (!client) {
    client = new Redis(process.env.REDIS_URL, {
      lazyConnect: false,
      enableOfflineQueue: true,
      maxRetriesPerRequest: 1,
      commandTimeout: TIMEOUT_MS,
      connectTimeout: 2_000,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    client.on("error", (error) => logError("connection", error));
  }
  return client;
}

// Entries hold Buffers (RSC payloads, route bodies) and Maps (prefetch segments): JSON with tags.
function replacer(_key, value) {
  if (value && value.type === "Buffer" && Array.isArray(value.data)) return { $b: Buffer.from(value.data).toString("base64") };
  if (value instanceof Map) return { $m: [...value.entries()] };
  return value;
}
function reviver(_key, value) {
  if (value && typeof value === "object") {
    if (typeof value.$b === "string") return Buffer.from(value.$b, "base64");
    if (Array.isArray(value.$m)) return new Map(value.$m);
  }
  return value;
}
export const serialize = (entry) => JSON.stringify(entry, replacer);
export const deserialize = (text) => JSON.parse(text, reviver);

/** Every tag an entry answers to. */
export function tagsOf(value, ctx = {}) {
  const tags = [...(ctx.tags ?? []), ...(ctx.softTags ?? [])];
  if (Array.isArray(value?.tags)) tags.push(...value.tags);
  const header = value?.headers?.["x-next-cache-tags"];
  if (typeof header === "string" && header) tags.push(...header.split(","));
  return [...new Set(tags)];
}

/** True when one of the tags was expired after the entry was written (and the expiry time has come). */
export function isExpiredByTags(expiries, lastModified, now = Date.now()) {
  return expiries.some((e) => e !== null && e !== undefined && Number(e) > lastModified && Number(e) <= now);
}

function buildIdOf(serverDistDir) {
  try {
    return readFileSync(path.join(serverDistDir, "..", "BUILD_ID"), "utf8").trim();
  } catch {
    return "unknown-build";
  }
}

export default class RedisCacheHandler {
  constructor(ctx) {
    this.fs = new FileSystemCache(ctx);
    // `next build` renders with this handler too: let it keep Next's own files there, so the
    // prerendered pages ship in the build output, and use Redis only in the running servers.
    this.enabled = Boolean(process.env.REDIS_URL) && process.env.NEXT_PHASE !== "phase-production-build";
    this.prefix = `${PREFIX}${buildIdOf(ctx.serverDistDir ?? ".next/server")}:`;
  }

  async get(key, ctx) {
    if (!this.enabled) return this.fs.get(key, ctx);
    let entry = null;
    try {
      const text = await redis().get(this.prefix + key);
      if (text) entry = deserialize(text);
    } catch (error) {
      logError("get", error);
      return null;
    }
    if (!entry) entry = await this.fs.get(key, ctx);
    if (!entry) return null;
    const tags = tagsOf(entry.value, ctx);
    if (tags.length > 0) {
      try {
        if (isExpiredByTags(await redis().hmget(TAGS_KEY, ...tags), entry.lastModified ?? 0)) return null;
      } catch (error) {
        logError("tags", error);
        return null;
      }
    }
    return entry;
  }

  async set(key, data, ctx) {
    if (!this.enabled) return this.fs.set(key, data, ctx);
    const now = Date.now();
    let lastModified = now;
    const tags = tagsOf(data, ctx);
    try {
      if (data === null) {
        await redis().del(this.prefix + key);
        return;
      }
      if (tags.length > 0) {
        const expiries = (await redis().hmget(TAGS_KEY, ...tags)).filter((e) => e !== null).map(Number);
        const recent = expiries.filter((e) => e <= now && now - e < RACE_WINDOW_MS);
        if (recent.length > 0) lastModified = Math.min(...recent) - 1;
      }
      const expire = ctx?.cacheControl?.expire ?? data?.revalidate;
      // Anyone can ask for /articles/<anything>: a cached 404 must not hold Redis memory for long.
      const cap = data?.status === 404 ? NOT_FOUND_TTL_SECONDS : MAX_TTL_SECONDS;
      const ttl = typeof expire === "number" && expire > 0 ? Math.min(Math.ceil(expire), cap) : cap;
      await redis().set(this.prefix + key, serialize({ lastModified, value: data, cacheControl: ctx?.cacheControl }), "EX", ttl);
    } catch (error) {
      logError("set", error);
    }
  }

  async revalidateTag(tags, durations) {
    const list = typeof tags === "string" ? [tags] : tags;
    // This instance's own tags manifest, which Next consults before asking the handler.
    const local = this.fs.revalidateTag(list, durations);
    if (!this.enabled || list.length === 0) return local;
    const expiresAt = Date.now() + (durations?.expire !== undefined ? durations.expire * 1000 : 0);
    const write = redis()
      .hset(TAGS_KEY, ...list.flatMap((tag) => [tag, String(expiresAt)]))
      .catch((error) => logError("revalidateTag", error));
    pendingTagWrites.add(write);
    try {
      await Promise.all([local, write]);
    } finally {
      pendingTagWrites.delete(write);
    }
  }

  resetRequestCache() {}
}
