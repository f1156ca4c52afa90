"use client";

import { IntentLink as Link } from "@/app/_components/intent-link";
import { usePathname } from "next/navigation";
import { homePath, sectionPath, withoutAskVariant } from "@/lib/site/paths";
import styles from "./site-header.module.css";

type Props = { sections: { slug: string; name: string }[] };

/** The section list; it scrolls sideways on narrow screens, with a fade at the edge that says so. */
export function SectionNav({ sections }: Props) {
  const current = withoutAskVariant(usePathname() ?? "/");
  const items = [{ href: homePath, name: "Home" }, ...sections.map((s) => ({ href: sectionPath(s.slug), name: s.name }))];
  return (
    <nav className={styles.nav} aria-label="Sections">
      <div className={`container ${styles.navInner}`}>
        <ul className={styles.navList}>
          {items.map(({ href, name }) => {
            const isCurrent = current === href || (href !== homePath && current.startsWith(`${href}/`));
            return (
              <li key={href}>
                <Link href={href} aria-current={isCurrent ? "page" : undefined}>
                  {name}
                </Link>
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
}
