import { timingSafeEqual } from "node:crypto";
import { after } from "next/server";
import { revalidatePath, revalidateTag } from "next/cache";
import { ASK_VARIANTS } from "@/lib/donations/ask-variant";
import { articlePath } from "@/lib/site/paths";
import { z } from "zod";
import { articleTag, TAG_ARTICLES } from "@/app/_lib/queries";
import { getArticleBySlug } from "@/db/articles";
import { slugSchema } from "@/lib/content/front-matter";
import { affectedTargets, purgeHttpCache, settleTagWrites } from "@/lib/http-cache/purge";
import { getRevalidateSecret } from "@/lib/site/revalidate-secret";

const bodySchema = z.object({ slugs: z.array(slugSchema).max(10_000) });
/** Past this many articles, looking each one up costs more than dropping every listing from the HTTP cache. */
const LOOKUP_LIMIT = 200;

function authorised(header: string | null): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, "") ?? "");
  const expected = Buffer.from(getRevalidateSecret());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Called by the import command: expires the changed articles and every list, so the next reader sees
 * the change; then purges the pages that show them from the HTTP cache in front (HTTP_CACHE_PURGE_URL).
 */
export async function POST(request: Request) {
  if (!authorised(request.headers.get("authorization"))) {
    return Response.json({ error: "unauthorised" }, { status: 401 });
  }
  const parsed = bodySchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "expected { slugs: string[] }" }, { status: 400 });
  const { slugs } = parsed.data;

  // { expire: 0 }: a correction must not be served stale to the next reader.
  revalidateTag(TAG_ARTICLES, { expire: 0 });
  for (const slug of slugs) {
    revalidateTag(articleTag(slug), { expire: 0 });
    // The page is prerendered once per ask variant, under the [ask] segment.
    for (const variant of ASK_VARIANTS) revalidatePath(`/${variant}${articlePath(slug)}`);
  }

  // Straight from the database: the section, tags and authors as they are now.
  const articles = slugs.length <= LOOKUP_LIMIT ? await Promise.all(slugs.map((s) => getArticleBySlug(s))) : [null];
  const targets = affectedTargets(slugs, articles);
  // Next applies the revalidations above once this handler returns; the purge waits for them, so
  // the HTTP cache can only fetch the new pages.
  after(async () => {
    await settleTagWrites();
    await purgeHttpCache(targets);
  });
  return Response.json({ revalidated: slugs.length, purging: targets.length });
}
