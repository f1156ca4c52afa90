import { logEvent } from "@/lib/log";
import { env } from "@/lib/env";
import { articlePath, authorPath, FEED_FORMATS, feedPath, homePath, newsSitemapPath, sectionPath, sitemapPath, tagPath } from "@/lib/site/paths";

/**
 * Purging the HTTP cache (Varnish, deploy/varnish/default.vcl) in front of the app.
 *
 * Two verbs, both accepted from loopback only:
 * - `PURGE <path>`: that path, every variant (HTML, RSC payloads and prefetches, gzip or not, any host).
 * - `BAN <path>`: that path and everything below it (`/sections/economy` also drops its later pages and
 *   its feed).
 * Always after Next.js's own cache has been revalidated: the other order lets a reader's request
 * re-cache the old page in between.
 */
export type PurgeTarget = { path: string; scope: "exact" | "prefix" };
export type PurgeOutcome = { ok: boolean; purged: number; failures: string[] };

export type ChangedArticle = {
  slug: string;
  section?: { slug: string } | null;
  tags?: { slug: string }[];
  authors?: { slug: string }[];
} | null;

/** The pages that show an article: itself, the fronts and feeds, and its section, tag and author listings. */
export function affectedTargets(slugs: string[], articles: ChangedArticle[]): PurgeTarget[] {
  const targets = new Map<string, PurgeTarget>();
  const add = (path: string, scope: PurgeTarget["scope"]) => targets.set(`${scope} ${path}`, { path, scope });
  for (const path of [homePath, ...FEED_FORMATS.map((f) => feedPath(homePath, f)), sitemapPath, newsSitemapPath]) add(path, "exact");
  // The article, its OpenGraph image and any 404 cached for it before it existed.
  for (const slug of slugs) add(articlePath(slug), "prefix");
  let unknown = false;
  for (const article of articles) {
    if (!article) {
      unknown = true;
      continue;
    }
    if (article.section) add(sectionPath(article.section.slug), "prefix");
    for (const t of article.tags ?? []) add(tagPath(t.slug), "prefix");
    for (const a of article.authors ?? []) add(authorPath(a.slug), "prefix");
  }
  // Unpublished or deleted: whatever listed it is no longer known, so every listing goes.
  if (unknown) for (const kind of ["sections", "tags", "authors"]) add(`/${kind}`, "prefix");
  return [...targets.values()];
}

/**
 * Next runs `revalidateTag` after a route handler returns. The Redis cache handler records its tag
 * writes here, so a purge can wait until every instance will see the revalidation.
 */
export async function settleTagWrites(): Promise<void> {
  const pending = (globalThis as Record<symbol, Set<Promise<unknown>> | undefined>)[Symbol.for("masthead.cache.pendingTagWrites")];
  if (pending && pending.size > 0) await Promise.allSettled([...pending]);
}

/** Sends the purges, all at once; never throws (a missed purge only delays a change until the page's TTL). */
export async function purgeHttpCache(targets: PurgeTarget[], base = env.HTTP_CACHE_PURGE_URL): Promise<PurgeOutcome> {
  if (!base || targets.length === 0) return { ok: true, purged: 0, failures: [] };
  const origin = base.replace(/\/+$/, "");
  const results = await Promise.all(
    targets.map(async ({ path, scope }) => {
      try {
        const res = await fetch(`${origin}${path}`, { method: scope === "exact" ? "PURGE" : "BAN", signal: AbortSignal.timeout(5_000) });
        await res.body?.cancel();
        return res.ok ? null : `${scope === "exact" ? "PURGE" : "BAN"} ${path}: HTTP ${res.status}`;
      } catch (error) {
        return `${scope === "exact" ? "PURGE" : "BAN"} ${path}: ${(error as Error).message}`;
      }
    }),
  );
  const failures = results.filter((r): r is string => r !== null);
  if (failures.length > 0) logEvent("error", "http_cache.purge_failed", { failed: failures.length, of: targets.length, first: failures.slice(0, 3) });
  return { ok: failures.length === 0, purged: targets.length - failures.length, failures };
}
