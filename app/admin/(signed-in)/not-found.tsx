import Link from "next/link";
import { adminPaths } from "@/lib/site/paths";

/** Inside the staff chrome: an unknown address, a supporter that is not in the ledger, or a page the role may not see. */
export default function StaffNotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p>
        Nothing in the staff area matches that address, or your role does not include it. <Link href={adminPaths.dashboard}>Back to the dashboard</Link>.
      </p>
    </>
  );
}
