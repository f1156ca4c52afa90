import { timingSafeEqual } from "node:crypto";
import { revalidatePath, revalidateTag } from "next/cache";
import { z } from "zod";
import { articleTag, TAG_ARTICLES } from "@/app/_lib/queries";
import { slugSchema } from "@/lib/content/front-matter";
import { getRevalidateSecret } from "@/lib/site/revalidate-secret";

const bodySchema = z.object({ slugs: z.array(slugSchema).max(10_000) });

function authorised(header: string | null): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, "") ?? "");
  const expected = Buffer.from(getRevalidateSecret());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Called by the import command: expires the changed articles and every list, so the next reader sees the change. */
export async function POST(request: Request) {
  if (!authorised(request.headers.get("authorization"))) {
    return Response.json({ error: "unauthorised" }, { status: 401 });
  }
  const parsed = bodySchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "expected { slugs: string[] }" }, { status: 400 });

  // { expire: 0 }: a correction must not be served stale to the next reader.
  revalidateTag(TAG_ARTICLES, { expire: 0 });
  for (const slug of parsed.data.slugs) {
    revalidateTag(articleTag(slug), { expire: 0 });
    revalidatePath(`/articles/${slug}`);
  }
  return Response.json({ revalidated: parsed.data.slugs.length });
}
