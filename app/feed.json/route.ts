import { feedResponse } from "@/app/_lib/feed-route";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return feedResponse(request, "feed.json", { kind: "site" });
}
