import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeNextPath } from "@/lib/admin/request";
import { env } from "@/lib/env";
import { currentStaff } from "../_lib/auth";
import styles from "../admin.module.css";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(Array.isArray(params.next) ? params.next[0] : params.next);
  if (await currentStaff()) redirect(next);
  return (
    <main id="main" className={styles.signInPage}>
      <h1>{env.SITE_NAME} staff</h1>
      <p className={styles.muted}>Sign in to see supporters and gifts. Accounts are made by an administrator with <code>npm run staff:add</code>.</p>
      {params.signed_out === "1" && <p className={styles.notice}>You are signed out.</p>}
      <SignInForm next={next} />
    </main>
  );
}
