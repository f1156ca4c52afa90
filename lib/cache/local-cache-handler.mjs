// Next.js `cacheHandler` when REDIS_URL is not set: Next's own FileSystemCache (internal to Next.js,
// 16.4.6 here, like redis-cache-handler.mjs: re-run the e2e tests on every upgrade), except that a
// rendered 404 is kept only in its bounded in-memory store (cacheMaxMemorySize, an LRU) and never
// written to disk. Anyone can ask for /articles/<anything>: each unknown slug wrote 6–7 files under
// .next/server/app (×3 ask variants) and nothing ever removed them.
//
// Plain JavaScript on purpose: Next.js loads this file itself at server start.
import FileSystemCacheModule from "next/dist/server/lib/incremental-cache/file-system-cache.js";

const FileSystemCache = FileSystemCacheModule.default ?? FileSystemCacheModule;

// Pages and route handlers alike: `/articles/<anything>/share-image.png` is as easy to make up.
export const isNotFoundPage = (data) => (data?.kind === "APP_PAGE" || data?.kind === "APP_ROUTE") && data.status === 404;

export default class LocalCacheHandler extends FileSystemCache {
  constructor(ctx) {
    super(ctx);
    // Shares the class's one in-memory store; writes nothing to disk.
    this.memoryOnly = new FileSystemCache({ ...ctx, flushToDisk: false });
    // `next build` writes the build's own pages (the 404 page included) as Next does.
    this.inServer = process.env.NEXT_PHASE !== "phase-production-build";
  }

  async set(key, data, ctx) {
    if (this.inServer && isNotFoundPage(data)) return this.memoryOnly.set(key, data, ctx);
    return super.set(key, data, ctx);
  }
}
