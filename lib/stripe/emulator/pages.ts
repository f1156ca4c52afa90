import { cancelSubscriptionNow, setCancelAtPeriodEnd, updateDefaultCard } from "./billing";
import { checkTestCard, completeSession, refreshExpiry, sessionExtras, successRedirect } from "./checkout";
import { emitContext } from "./events";
import type { FormObject } from "./form-encoding";
import { escapeHtml, formatDate, page, safeHref } from "./html";
import { formatAmount, formatInterval } from "./money";
import type { EmulatorState } from "./state";
import type { CheckoutSessionRecord, EventRecord, PortalSessionRecord, SubscriptionRecord } from "./types";

/** What a browser-facing handler answers; `events` are delivered before the response is sent. */
export type PageResult = { status: number; html?: string; location?: string; events: EventRecord[] };

const CHECKOUT_BANNER = "LOCAL TEST CHECKOUT";
const PORTAL_BANNER = "LOCAL TEST BILLING PORTAL";

function field(form: FormObject, name: string): string {
  const value = form[name];
  return typeof value === "string" ? value.trim() : "";
}

function notFound(what: string): PageResult {
  return {
    status: 404,
    html: page("Not found", CHECKOUT_BANNER, `<h1>Not found</h1><p>There is no ${escapeHtml(what)} with this address in this emulator. It may have been started again since the link was made: all state is in memory.</p>`),
    events: [],
  };
}

function priceLabel(state: EmulatorState, session: CheckoutSessionRecord): string {
  const rows = sessionExtras(state, session).lineItems.map((item) => {
    const recurring = item.price.recurring;
    const amount = `${formatAmount(item.amount_total, item.currency)}${recurring ? ` ${formatInterval(recurring.interval, recurring.interval_count)}` : ""}`;
    const quantity = item.quantity > 1 ? ` × ${item.quantity}` : "";
    return `<tr><td>${escapeHtml(item.description ?? "Item")}${quantity}</td><td class="amount">${escapeHtml(amount)}</td></tr>`;
  });
  const total = rows.length > 1 ? `<tr><th scope="row">Total</th><td class="amount"><strong>${escapeHtml(formatAmount(session.amount_total, session.currency))}</strong></td></tr>` : "";
  return `<table><caption class="hint" style="text-align:left">Order summary</caption><tbody>${rows.join("")}${total}</tbody></table>`;
}

function submitLabel(session: CheckoutSessionRecord): string {
  if (session.mode === "subscription") return "Subscribe";
  switch (session.submit_type) {
    case "donate":
      return "Donate";
    case "book":
      return "Book";
    default:
      return "Pay";
  }
}

function checkoutForm(
  state: EmulatorState,
  session: CheckoutSessionRecord,
  options: { email?: string; cardNumber?: string; error?: { message: string; field: "email" | "card_number" | null } },
): string {
  const customerEmail = session.customer ? state.store.customers.get(session.customer)?.email : null;
  const email = options.email ?? session.customer_email ?? customerEmail ?? "";
  const card = options.cardNumber ?? "4242 4242 4242 4242";
  const error = options.error;
  const invalid = (name: "email" | "card_number") => (error?.field === name ? ` aria-invalid="true" aria-describedby="form-error${name === "card_number" ? " card-help" : ""}"` : "");
  const cancel = session.cancel_url ? `<a id="cancel" href="${safeHref(session.cancel_url)}">← Back</a>` : "";
  return `
<h1>${session.mode === "subscription" ? "Start your subscription" : "Complete your payment"}</h1>
${priceLabel(state, session)}
${error ? `<div class="error" id="form-error" role="alert">${escapeHtml(error.message)}</div>` : ""}
<form method="post" action="/pay/${encodeURIComponent(session.id)}">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="email" required value="${escapeHtml(email)}"${invalid("email")}>
  <label for="card-number">Card number</label>
  <input id="card-number" name="card_number" inputmode="numeric" autocomplete="cc-number" required value="${escapeHtml(card)}"${error?.field === "card_number" ? invalid("card_number") : ' aria-describedby="card-help"'}>
  <div class="hint" id="card-help">Test cards:
    <ul>
      <li>4242 4242 4242 4242 succeeds</li>
      <li>4000 0000 0000 0002 is declined (generic_decline)</li>
      <li>4000 0000 0000 9995 is declined (insufficient_funds)</li>
    </ul>
  </div>
  <div class="actions">
    <button id="pay" type="submit">${submitLabel(session)}</button>
    ${cancel}
  </div>
</form>`;
}

function closedPage(session: CheckoutSessionRecord): PageResult {
  if (session.status === "complete") {
    const body = `<h1>Payment complete</h1><p class="notice">This checkout session is already complete.</p><p><a id="continue" href="${safeHref(successRedirect(session))}">Continue</a></p>`;
    return { status: 200, html: page("Payment complete", CHECKOUT_BANNER, body), events: [] };
  }
  const back = session.cancel_url ? `<p><a id="cancel" href="${safeHref(session.cancel_url)}">← Back</a></p>` : "";
  const body = `<h1>Checkout expired</h1><p class="error" role="alert">This checkout session has expired. Nothing was charged. Please start again.</p>${back}`;
  return { status: 410, html: page("Checkout expired", CHECKOUT_BANNER, body), events: [] };
}

export function showCheckout(state: EmulatorState, sessionId: string): PageResult {
  const session = state.store.sessions.get(sessionId);
  if (!session) return notFound("checkout session");
  const ctx = emitContext();
  refreshExpiry(state, session, ctx);
  if (session.status !== "open") return { ...closedPage(session), events: ctx.emitted };
  return { status: 200, html: page("Checkout", CHECKOUT_BANNER, checkoutForm(state, session, {})), events: ctx.emitted };
}

export function submitCheckout(state: EmulatorState, sessionId: string, form: FormObject): PageResult {
  const session = state.store.sessions.get(sessionId);
  if (!session) return notFound("checkout session");
  const ctx = emitContext();
  refreshExpiry(state, session, ctx);
  // A second submit (double click, back button) finds the session complete and just redirects.
  if (session.status === "complete") return { status: 303, location: successRedirect(session), events: ctx.emitted };
  if (session.status !== "open") return { ...closedPage(session), events: ctx.emitted };

  const email = field(form, "email");
  const cardNumber = field(form, "card_number");
  const rerender = (status: number, message: string, fieldName: "email" | "card_number" | null): PageResult => ({
    status,
    html: page("Checkout", CHECKOUT_BANNER, checkoutForm(state, session, { email, cardNumber, error: { message, field: fieldName } })),
    events: ctx.emitted,
  });
  if (email === "") return rerender(400, "Enter your email address.", "email");
  if (email.length > 512 || !/^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/.test(email)) return rerender(400, "Enter a valid email address.", "email");
  const card = checkTestCard(cardNumber);
  if (!card.ok) return rerender(card.status, card.message, "card_number");
  completeSession(state, session, email, card.digits, ctx);
  return { status: 303, location: successRedirect(session), events: ctx.emitted };
}

function subscriptionSummary(state: EmulatorState, portal: PortalSessionRecord, subscription: SubscriptionRecord): string {
  const item = subscription.items.data[0];
  const name = item ? (state.store.products.get(item.price.product)?.name ?? "Subscription") : "Subscription";
  const recurring = item?.price.recurring;
  const amount = item ? `${formatAmount(item.price.unit_amount * item.quantity, item.price.currency)}${recurring ? ` ${formatInterval(recurring.interval, recurring.interval_count)}` : ""}` : "";
  const periodEnd = item?.current_period_end ?? subscription.created;
  const action = `/portal/${encodeURIComponent(portal.id)}/subscriptions/${encodeURIComponent(subscription.id)}`;
  const sid = escapeHtml(subscription.id);
  let statusLine: string;
  let buttons = "";
  if (subscription.status === "canceled") {
    statusLine = `Canceled${subscription.ended_at ? ` on ${escapeHtml(formatDate(subscription.ended_at))}` : ""}.`;
  } else if (subscription.cancel_at_period_end) {
    statusLine = `Cancels on ${escapeHtml(formatDate(periodEnd))}.`;
    buttons = `
      <form method="post" action="${action}"><input type="hidden" name="action" value="renew"><button id="renew-${sid}" class="secondary" type="submit">Don't cancel</button></form>
      <form method="post" action="${action}"><input type="hidden" name="action" value="cancel_now"><button id="cancel-now-${sid}" class="danger" type="submit">Cancel now</button></form>`;
  } else {
    statusLine = `Renews on ${escapeHtml(formatDate(periodEnd))}.`;
    buttons = `
      <form method="post" action="${action}"><input type="hidden" name="action" value="cancel"><button id="cancel-${sid}" class="secondary" type="submit">Cancel</button></form>
      <form method="post" action="${action}"><input type="hidden" name="action" value="cancel_now"><button id="cancel-now-${sid}" class="danger" type="submit">Cancel now</button></form>`;
  }
  return `
<section class="subscription" aria-labelledby="title-${sid}">
  <h2 id="title-${sid}">${escapeHtml(name)}</h2>
  <p>${escapeHtml(amount)} · <span class="status">${escapeHtml(subscription.status)}</span></p>
  <p>${statusLine} <span class="hint">“Cancel” stops it at the end of the current period; “Cancel now” ends it immediately.</span></p>
  <div class="actions">${buttons}</div>
</section>`;
}

const PORTAL_NOTICES: Record<string, string> = {
  cancel: "Your subscription will be canceled at the end of the current period.",
  cancel_now: "Your subscription has been canceled.",
  renew: "Your subscription will continue.",
  card: "Your payment method has been updated.",
};

function cardSection(state: EmulatorState, portal: PortalSessionRecord, error: string | null): string {
  const customer = state.store.customers.get(portal.customer);
  const current = customer?.invoice_settings.default_payment_method ? state.store.paymentMethods.get(customer.invoice_settings.default_payment_method) : undefined;
  return `
<section aria-labelledby="card-title">
  <h2 id="card-title">Payment method</h2>
  <p>${current?.card ? `${escapeHtml(current.card.brand)} •••• ${escapeHtml(current.card.last4)}` : "No card on file."}</p>
  <form method="post" action="/portal/${encodeURIComponent(portal.id)}/payment-method">
    <label for="new-card">New card number</label>
    <input id="new-card" name="card_number" inputmode="numeric" autocomplete="cc-number" required${error ? ' aria-invalid="true" aria-describedby="card-error"' : ""}>
    ${error ? `<p id="card-error" class="error" role="alert">${escapeHtml(error)}</p>` : ""}
    <button id="update-card" type="submit">Update payment method</button>
  </form>
</section>`;
}

export function showPortal(state: EmulatorState, portalId: string, notice: string | null, cardError: string | null = null): PageResult {
  const portal = state.store.portalSessions.get(portalId);
  if (!portal) return { ...notFound("billing portal session"), html: page("Not found", PORTAL_BANNER, "<h1>Not found</h1><p>There is no billing portal session with this address in this emulator.</p>") };
  const customer = state.store.customers.get(portal.customer);
  const subscriptions = [...state.store.subscriptions.values()].filter((s) => s.customer === portal.customer).reverse();
  const message = notice ? PORTAL_NOTICES[notice] : undefined;
  const body = `
<h1>Manage your subscriptions</h1>
<p>Signed in as ${escapeHtml(customer?.email ?? customer?.name ?? portal.customer)}.</p>
${message ? `<p class="notice" role="status">${escapeHtml(message)}</p>` : ""}
${subscriptions.length === 0 ? "<p>You have no subscriptions.</p>" : subscriptions.map((s) => subscriptionSummary(state, portal, s)).join("")}
${cardSection(state, portal, cardError)}
${portal.return_url ? `<p><a id="return" href="${safeHref(portal.return_url)}">← Return to the site</a></p>` : ""}`;
  return { status: cardError ? 402 : 200, html: page("Billing portal", PORTAL_BANNER, body), events: [] };
}

/** "Update payment method" on the portal page: a test card, checked as Checkout checks one. */
export function submitPortalCard(state: EmulatorState, portalId: string, form: FormObject): PageResult {
  const portal = state.store.portalSessions.get(portalId);
  if (!portal) return notFound("billing portal session");
  const card = checkTestCard(field(form, "card_number"));
  if (!card.ok) return showPortal(state, portalId, null, card.message);
  const ctx = emitContext();
  updateDefaultCard(state, portal.customer, card.digits, ctx);
  return { status: 303, location: `/portal/${encodeURIComponent(portal.id)}?updated=card`, events: ctx.emitted };
}

export function submitPortal(state: EmulatorState, portalId: string, subscriptionId: string, form: FormObject): PageResult {
  const portal = state.store.portalSessions.get(portalId);
  const subscription = state.store.subscriptions.get(subscriptionId);
  if (!portal || !subscription || subscription.customer !== portal.customer) return notFound("subscription");
  const action = field(form, "action");
  const ctx = emitContext();
  const back = (notice: string): PageResult => ({ status: 303, location: `/portal/${encodeURIComponent(portal.id)}?updated=${notice}`, events: ctx.emitted });
  if (subscription.status === "canceled") return back("cancel_now");
  switch (action) {
    case "cancel":
      setCancelAtPeriodEnd(state, subscription, true, ctx);
      return back("cancel");
    case "renew":
      setCancelAtPeriodEnd(state, subscription, false, ctx);
      return back("renew");
    case "cancel_now":
      cancelSubscriptionNow(state, subscription, ctx);
      return back("cancel_now");
    default:
      return { status: 400, html: page("Bad request", PORTAL_BANNER, "<h1>Unknown action</h1>"), events: [] };
  }
}

export function showReceipt(state: EmulatorState, chargeId: string): PageResult {
  const charge = state.store.charges.get(chargeId);
  if (!charge) return notFound("receipt");
  const body = `
<h1>Receipt</h1>
<table><tbody>
<tr><th scope="row">Amount paid</th><td class="amount">${escapeHtml(formatAmount(charge.amount, charge.currency))}</td></tr>
${charge.amount_refunded > 0 ? `<tr><th scope="row">Refunded</th><td class="amount">${escapeHtml(formatAmount(charge.amount_refunded, charge.currency))}</td></tr>` : ""}
<tr><th scope="row">Date</th><td class="amount">${escapeHtml(formatDate(charge.created))}</td></tr>
<tr><th scope="row">Card</th><td class="amount">${escapeHtml(charge.payment_method_details.card.brand)} •••• ${escapeHtml(charge.payment_method_details.card.last4)}</td></tr>
<tr><th scope="row">Description</th><td class="amount">${escapeHtml(charge.description ?? "")}</td></tr>
</tbody></table>`;
  return { status: 200, html: page("Receipt", "LOCAL TEST RECEIPT", body), events: [] };
}

