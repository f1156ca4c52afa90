import Link from "next/link";
import { SiteChrome } from "@/app/_components/site-chrome";

/** Rendered above the [ask] layout (an unknown slug), so it brings the chrome itself, without any ask. */
export default function NotFound() {
  return (
    <SiteChrome>
      <div className="container">
        <h1 className="page-title">Page not found</h1>
        <p className="page-lede">We could not find that page. It may have moved, or the address may be mistyped.</p>
        <p>
          <Link href="/">Go to the front page</Link> or <Link href="/search">search our articles</Link>.
        </p>
      </div>
    </SiteChrome>
  );
}
