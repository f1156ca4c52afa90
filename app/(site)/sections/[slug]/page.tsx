import { listingRoute } from "@/app/_lib/listing";

export const revalidate = 3600;

const route = listingRoute("sections");
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
