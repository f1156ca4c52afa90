import { IntentLink as Link } from "@/app/_components/intent-link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { homePath, searchPath } from "@/lib/site/paths";

/** What a reader sees for an address we have nothing at: the same words for every kind of 404. */
export function NotFoundMessage() {
  return (
    <div className="container">
      <h1 className="page-title">Page not found</h1>
      <p className="page-lede">We could not find that page. It may have moved, or the address may be mistyped.</p>
      <p>
        <Link href={homePath}>Go to the front page</Link> or <Link href={searchPath}>search our articles</Link>.
      </p>
    </div>
  );
}

function NotFoundStatus(): never {
  notFound();
}

/**
 * A 404 from inside a reading page, as HTML. Next 16.4 answers a page's own `notFound()` with an empty
 * error shell (no `lang`, no body; the message only in the RSC payload, so nothing without JavaScript).
 * Rendering the message here and raising `notFound()` inside a Suspense boundary keeps the served
 * HTML (and the page's chrome) while the (ISR) render still answers 404 and is cached as one.
 */
export function NotFoundPage() {
  return (
    <>
      <NotFoundMessage />
      <Suspense fallback={null}>
        <NotFoundStatus />
      </Suspense>
    </>
  );
}
