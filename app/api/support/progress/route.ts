import { getMonthlyProgress } from "@/app/_lib/queries";

// Fetched by the banner in the browser, so reading pages stay cached for a day while this
// figure refreshes every five minutes.
export const revalidate = 300;

export async function GET() {
  const progress = await getMonthlyProgress();
  return Response.json(progress, { headers: { "cache-control": "public, max-age=60, s-maxage=300, stale-while-revalidate=600" } });
}
