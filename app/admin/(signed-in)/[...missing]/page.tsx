import { notFound } from "next/navigation";
import { requireStaff } from "../../_lib/auth";

/**
 * Any /admin address that matches no page: without it Next answers with the public site's 404
 * (its chrome, its asks, and scripts the staff area's CSP refuses). Signed-out visitors go to
 * sign-in like everywhere else here; staff get the staff area's own 404.
 */
export default async function MissingStaffPage({ params }: { params: Promise<{ missing: string[] }> }) {
  const { missing } = await params;
  await requireStaff(`/admin/${(Array.isArray(missing) ? missing : []).map(encodeURIComponent).join("/")}`, "view");
  notFound();
}
