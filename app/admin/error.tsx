"use client";

import styles from "./admin.module.css";

export default function AdminError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className={styles.main}>
      <h1>This page could not be shown</h1>
      <p>The database or Stripe did not answer in time. Nothing was changed.</p>
      <button type="button" onClick={() => reset()}>
        Try again
      </button>
    </main>
  );
}
