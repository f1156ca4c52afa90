import { listingShareCard } from "@/app/_lib/share-card-route";

export const revalidate = 86400;
export const dynamicParams = true;

export async function generateStaticParams() {
  return [];
}

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return listingShareCard("authors", (await params).slug);
}
