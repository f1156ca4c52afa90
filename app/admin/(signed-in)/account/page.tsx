import type { Metadata } from "next";
import Link from "next/link";
import { countUnusedRecoveryCodes } from "@/db/staff";
import { listStaffSessions } from "@/db/staff-sessions";
import { formatUtcDateTime } from "@/lib/admin/format";
import { env } from "@/lib/env";
import { adminPaths } from "@/lib/site/paths";
import { sessionTimeouts } from "@/lib/staff/session";
import { currentStaffSession, requireStaff } from "../../_lib/auth";
import styles from "../../admin.module.css";
import { ChangePasswordForm, SessionsForm } from "./account-forms";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

/** One's own sessions (end any or all others), password and two-factor sign-in. */
export default async function AccountPage() {
  const staff = await requireStaff(adminPaths.account, "self");
  const current = await currentStaffSession();
  const now = new Date();
  const [sessions, recoveryLeft] = await Promise.all([listStaffSessions(staff.id, now, sessionTimeouts(now).idleSince), staff.twoFactor ? countUnusedRecoveryCodes(staff.id) : 0]);
  return (
    <>
      <h1>Your account</h1>
      <p>
        {staff.name} · {staff.email} · role <strong>{staff.role}</strong>
      </p>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Where you are signed in</h2>
        <p className={styles.muted}>
          A session ends when you sign out, after {env.STAFF_SESSION_IDLE_MINUTES} minutes unused, or {env.STAFF_SESSION_HOURS} hours after signing in. Addresses are kept only as a keyed hash: two rows with the same one came from the same address.
        </p>
        <SessionsForm>
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption>Your sessions, most recently used first</caption>
            <thead>
              <tr>
                <th scope="col">Browser</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last used</th>
                <th scope="col">Address (hash)</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.tokenHash}>
                  <th scope="row">
                    {s.userAgent || "Unknown browser"}
                    {s.tokenHash === current?.tokenHash && <small> (this session)</small>}
                  </th>
                  <td>{formatUtcDateTime(s.createdAt)}</td>
                  <td>{formatUtcDateTime(s.lastSeenAt)}</td>
                  <td>
                    <code>{s.addressHash.slice(0, 8)}</code>
                  </td>
                  <td>
                    {s.tokenHash === current?.tokenHash ? (
                      <small>Sign out to end it</small>
                    ) : (
                      <button type="submit" name="session" value={s.tokenHash} aria-label={`End the session in ${s.userAgent || "an unknown browser"} from ${formatUtcDateTime(s.createdAt)}`}>
                        End
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {sessions.length > 1 && (
          <button type="submit" name="session" value="others">
            End all other sessions
          </button>
        )}
        </SessionsForm>
      </section>

      <section aria-labelledby="two-factor-heading">
        <h2 id="two-factor-heading">Two-factor sign-in</h2>
        {staff.twoFactor ? (
          <p>
            On: signing in asks for a code from your authenticator app. {recoveryLeft} of 10 recovery codes left. <Link href={adminPaths.enrol}>Set up a new authenticator (and new recovery codes)</Link>.
          </p>
        ) : (
          <p>
            Off. <Link href={adminPaths.enrol}>Turn on two-factor sign-in</Link>
            {env.STAFF_REQUIRE_2FA === "1" ? " (required here)." : "."}
          </p>
        )}
      </section>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">Change your password</h2>
        <ChangePasswordForm email={staff.email} />
      </section>
    </>
  );
}
