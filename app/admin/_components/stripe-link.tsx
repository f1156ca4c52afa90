import { stripeDashboardUrl, type DashboardKind } from "@/lib/stripe/dashboard";

/** Opens the object in the Stripe dashboard, in a new tab (staff keep their place here). */
export function StripeLink({ kind, id, children }: { kind: DashboardKind; id: string | null; children: React.ReactNode }) {
  if (!id) return null;
  return (
    <a href={stripeDashboardUrl(kind, id)} target="_blank" rel="noopener noreferrer" title={`${id} in the Stripe dashboard`}>
      {children}
      <span className="visually-hidden"> (opens the Stripe dashboard)</span>
    </a>
  );
}
