import SiteLayout from "./(site)/layout";
import NotFound from "./(site)/not-found";

// The site's title, description and theme colours, as the page would have had under (site).
export { metadata, viewport } from "./(site)/layout";

/** An address that matches no route at all still gets the site's header and footer. */
export default function GlobalNotFound() {
  return (
    <SiteLayout>
      <NotFound />
    </SiteLayout>
  );
}
