import SiteLayout from "./(site)/layout";
import NotFound from "./(site)/not-found";

/** An address that matches no route at all still gets the site's header and footer. */
export default function GlobalNotFound() {
  return (
    <SiteLayout>
      <NotFound />
    </SiteLayout>
  );
}
