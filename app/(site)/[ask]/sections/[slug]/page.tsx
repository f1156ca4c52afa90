import { listingRoute } from "@/app/_components/listing-route";

// Fronts: a short s-maxage (with stale-while-revalidate) for HTTP caches; imports also purge them at once.
export const revalidate = 60;

const route = listingRoute("sections");
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
