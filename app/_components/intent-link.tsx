"use client";

import Link from "next/link";
import { useState, type ComponentProps } from "react";

/**
 * `next/link` that prefetches only once the reader shows intent (pointer over it, keyboard focus, a
 * touch), never because it scrolled into view: a reading page lists dozens of links, and a metered
 * phone should not download those pages unasked.
 */
export function IntentLink({ prefetch, onMouseEnter, onFocus, onTouchStart, ...props }: ComponentProps<typeof Link>) {
  const [intent, setIntent] = useState(false);
  const wanted = prefetch !== false;
  return (
    <Link
      {...props}
      prefetch={wanted && intent ? null : false}
      onMouseEnter={(event) => {
        if (wanted) setIntent(true);
        onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        if (wanted) setIntent(true);
        onFocus?.(event);
      }}
      onTouchStart={(event) => {
        if (wanted) setIntent(true);
        onTouchStart?.(event);
      }}
    />
  );
}
