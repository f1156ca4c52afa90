import Link from "next/link";
import { env } from "@/lib/env";
import { adminPaths } from "@/lib/site/paths";
import { can } from "@/lib/staff/roles";
import { currentSession } from "../_lib/auth";
import styles from "../admin.module.css";
import { ActionForm } from "@/app/_components/action-form";
import { signOutAction } from "./actions";

/**
 * The staff chrome. Pages check the session themselves (so they can send staff back to where
 * they were after signing in); this only shows who is signed in.
 */
export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const session = await currentSession();
  const staff = session?.session.stage === "complete" ? session.account : null;
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
              <Link href={adminPaths.gifts}>Gifts</Link>
            </li>
            <li>
              <Link href={adminPaths.supporters}>Supporters</Link>
            </li>
            {staff && can(staff.role, "audit") && (
              <li>
                <Link href={adminPaths.audit}>Audit log</Link>
              </li>
            )}
          </ul>
        </nav>
        {session && (
          <ActionForm action={signOutAction} permalink={adminPaths.dashboard} className={styles.signOut}>
            <Link href={adminPaths.account} className={styles.muted}>
              {session.account.name} ({session.account.role})
            </Link>
            <button type="submit">Sign out</button>
          </ActionForm>
        )}
      </header>
      <main id="main" tabIndex={-1} className={styles.main}>
        {children}
      </main>
    </>
  );
}
