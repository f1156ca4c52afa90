import type { Metadata } from "next";
import { env } from "@/lib/env";
import { adminPaths } from "@/lib/site/paths";
import { newTotpSecret, sealSecret, totpQrSvg, totpUri } from "@/lib/staff/two-factor";
import { currentSession, requireStaff } from "../../../_lib/auth";
import styles from "../../../admin.module.css";
import { EnrolForm } from "./enrol-form";

export const metadata: Metadata = { title: "Two-factor sign-in" };
export const dynamic = "force-dynamic";

/**
 * Enrolment: a new secret each time the page is drawn, shown as a QR code (drawn here, on the
 * server) and as text; it is stored only once a code from it is typed back.
 */
export default async function EnrolPage() {
  const staff = await requireStaff(adminPaths.enrol, "self", { enrolling: true });
  const required = (await currentSession())?.session.stage === "enrol";
  const secret = newTotpSecret();
  const uri = totpUri(secret, staff.email);
  const qr = await totpQrSvg(uri);
  return (
    <>
      <h1>Two-factor sign-in</h1>
      {required && <p className={styles.notice}>{env.SITE_NAME} requires two-factor sign-in for every staff account. Set it up to continue.</p>}
      {staff.twoFactor && <p className={styles.notice}>Two-factor sign-in is already on. Confirming a new code here, with your password, replaces your authenticator and your recovery codes.</p>}
      <ol>
        <li>Open an authenticator app on your phone (for example a password manager, FreeOTP, Aegis or Google Authenticator).</li>
        <li>Scan this code, or type the key below into the app.</li>
        <li>Type the 6-digit code the app then shows.</li>
      </ol>
      {/* The SVG is the QR library's own output for our otpauth:// address: no user input reaches it. */}
      <div className={styles.qr} role="img" aria-label="QR code for your authenticator app" dangerouslySetInnerHTML={{ __html: qr }} />
      <p>
        Key: <code data-testid="totp-secret">{secret.match(/.{1,4}/g)!.join(" ")}</code>
      </p>
      <EnrolForm sealed={sealSecret(secret)} replacing={staff.twoFactor} />
    </>
  );
}
