import { feedResponse } from "@/app/_lib/feed-route";

/** `feed.xml`, `feed.atom`, `feed.json` (lib/site/paths.ts FEED_FILES); any other name is a 404. */
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string; feed: string }> }) {
  const { slug, feed } = await params;
  return feedResponse(request, feed, { kind: "tags", slug });
}
