import Link from "next/link";
import styles from "./admin.module.css";

export default function AdminNotFound() {
  return (
    <main id="main" className={styles.main}>
      <h1>Not found</h1>
      <p>
        Nothing in the ledger matches that address. <Link href="/admin">Back to the dashboard</Link>.
      </p>
    </main>
  );
}
