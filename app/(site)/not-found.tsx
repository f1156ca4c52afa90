import { NotFoundMessage } from "@/app/_components/not-found-message";
import { SiteChrome } from "@/app/_components/site-chrome";

/** Rendered above the [ask] layout (an unknown address), so it brings the chrome itself, without any ask. */
export default function NotFound() {
  return (
    <SiteChrome>
      <NotFoundMessage />
    </SiteChrome>
  );
}
