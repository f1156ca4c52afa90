import { listingRoute } from "@/app/_components/listing-route";

// Fronts: a short s-maxage (with stale-while-revalidate) for HTTP caches; imports also purge them at once.
export const revalidate = 60;

const route = listingRoute("authors");
export const generateStaticParams = async () => [];
export const generateMetadata = route.generateMetadata;
export default route.Page;
