import type { Metadata } from "next";
import { env } from "@/lib/env";
import styles from "./admin.module.css";

export const metadata: Metadata = {
  title: { default: `Staff | ${env.SITE_NAME}`, template: `%s | Staff | ${env.SITE_NAME}` },
  robots: { index: false, follow: false, nocache: true },
};

export const dynamic = "force-dynamic";

/** The staff area: none of the public site's chrome, asks or caching. */
export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return <div className={styles.admin}>{children}</div>;
}
