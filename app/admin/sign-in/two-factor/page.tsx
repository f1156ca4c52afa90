import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeNextPath } from "@/lib/admin/request";
import { adminPaths } from "@/lib/site/paths";
import { currentSession } from "../../_lib/auth";
import styles from "../../admin.module.css";
import { SecondFactorForm } from "./second-factor-form";

export const metadata: Metadata = { title: "Two-factor sign-in" };

/** Only for a session whose password was right and whose code is still due. */
export default async function SecondFactorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(Array.isArray(params.next) ? params.next[0] : params.next);
  const context = await currentSession();
  if (!context) redirect(`${adminPaths.signIn}?next=${encodeURIComponent(next)}`);
  if (context.session.stage !== "second-factor") redirect(next);
  return (
    <main id="main" className={styles.signInPage}>
      <h1>Two-factor sign-in</h1>
      <p className={styles.muted}>
        Enter the 6-digit code your authenticator app shows for this site, or one of your recovery codes if you do not have the app with you.
      </p>
      <SecondFactorForm next={next} />
    </main>
  );
}
