import { logoImage } from "@/app/_components/share-card";
import { LOGO_SIZE } from "@/lib/site/paths";

export const dynamic = "force-static";

/** The publisher's raster logo for structured data and feeds (an SVG one is not accepted there). */
export function GET() {
  return logoImage(LOGO_SIZE);
}
