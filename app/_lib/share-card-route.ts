import { shareCard } from "@/app/_components/share-card";
import { env } from "@/lib/env";
import { SHARE_IMAGE_SIZE, type ListingKind } from "@/lib/site/paths";
import { findListingSubject } from "./listing";

const KICKERS: Record<ListingKind, string> = { sections: "Section", tags: "Tag", authors: "Writer" };

/** The share card of a section, tag or author page (lib/site/paths.ts shareImagePath). */
export async function listingShareCard(kind: ListingKind, slug: string): Promise<Response> {
  const subject = await findListingSubject(kind, slug);
  if (!subject) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return shareCard({ kicker: KICKERS[kind], title: subject.title, footer: `${env.SITE_NAME}: independent, reader-funded news` }, SHARE_IMAGE_SIZE);
}
