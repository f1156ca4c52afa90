import { shareCard } from "@/app/_components/share-card";
import { env } from "@/lib/env";
import { SHARE_IMAGE_SIZE } from "@/lib/site/paths";

export const dynamic = "force-static";

/** The front page's (and the search and support pages') share card. */
export function GET() {
  return shareCard({ kicker: "Independent, reader-funded news", title: env.SITE_DESCRIPTION, footer: new URL(env.SITE_URL).host }, SHARE_IMAGE_SIZE);
}
