import Link from "next/link";
import { env } from "@/lib/env";
import { currentStaff } from "../_lib/auth";
import styles from "../admin.module.css";
import { signOutAction } from "./actions";

/**
 * The staff chrome. Pages check the session themselves (so they can send staff back to where
 * they were after signing in); this only shows who is signed in.
 */
export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const staff = await currentStaff();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className={styles.header}>
        <Link href="/admin" className={styles.brand}>
          {env.SITE_NAME} <span>staff</span>
        </Link>
        <nav aria-label="Staff">
          <ul>
            <li>
              <Link href="/admin">Dashboard</Link>
            </li>
            <li>
              <Link href="/admin/gifts">Gifts</Link>
            </li>
            <li>
              <Link href="/admin/supporters">Supporters</Link>
            </li>
          </ul>
        </nav>
        {staff && (
          <form action={signOutAction} className={styles.signOut}>
            <span className={styles.muted}>{staff.name}</span>
            <button type="submit">Sign out</button>
          </form>
        )}
      </header>
      <main id="main" tabIndex={-1} className={styles.main}>
        {children}
      </main>
    </>
  );
}
