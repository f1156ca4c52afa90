export function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Only http(s) URLs may become links; anything else renders as "#". */
export function safeHref(url: string | null | undefined): string {
  if (!url) return "#";
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? escapeHtml(url) : "#";
  } catch {
    return "#";
  }
}

export function formatDate(seconds: number): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(new Date(seconds * 1000));
}

const STYLE = `
  :root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --line: #d0d0d0; --accent: #0b4f9c; --danger: #a4161a; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f4f4f2; }
  .banner { margin: 0; padding: 0.75rem 1rem; background: #ffd84d; color: #1a1a1a; border-bottom: 3px solid #1a1a1a; text-align: center; }
  main { max-width: 34rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  h2 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 1rem; }
  th, td { text-align: left; padding: 0.4rem 0; border-bottom: 1px solid var(--line); vertical-align: top; }
  td.amount, th.amount { text-align: right; white-space: nowrap; }
  label { display: block; font-weight: 600; margin: 1rem 0 0.25rem; }
  input { width: 100%; padding: 0.6rem; font: inherit; border: 1px solid #767676; border-radius: 4px; }
  input:focus, button:focus, a:focus { outline: 3px solid var(--accent); outline-offset: 2px; }
  .hint { color: var(--muted); font-size: 0.9rem; margin: 0.25rem 0 0; }
  .hint ul { margin: 0.25rem 0 0; padding-left: 1.2rem; }
  .error { margin: 0 0 1rem; padding: 0.75rem; border: 2px solid var(--danger); border-radius: 4px; color: var(--danger); background: #fff5f5; font-weight: 600; }
  .notice { margin: 0 0 1rem; padding: 0.75rem; border: 2px solid var(--accent); border-radius: 4px; background: #f0f6ff; }
  .actions { display: flex; gap: 1rem; align-items: center; margin-top: 1.5rem; flex-wrap: wrap; }
  button { padding: 0.7rem 1.4rem; font: inherit; font-weight: 600; color: #fff; background: var(--accent); border: 0; border-radius: 4px; cursor: pointer; }
  button.secondary { color: var(--accent); background: #fff; border: 2px solid var(--accent); }
  button.danger { background: var(--danger); }
  a { color: var(--accent); }
  .subscription { border: 1px solid var(--line); border-radius: 6px; padding: 1rem; margin: 1rem 0; }
  .subscription form { display: inline; }
  .status { display: inline-block; padding: 0 0.4rem; border: 1px solid var(--muted); border-radius: 3px; font-size: 0.85rem; }
`;

export function page(title: string, bannerLabel: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)} · Masthead Stripe emulator</title>
<style>${STYLE}</style>
</head>
<body>
<p class="banner" role="note"><strong>${escapeHtml(bannerLabel)}</strong> — this is the Masthead Stripe emulator, not Stripe. No real money moves.</p>
<main>
${body}
</main>
</body>
</html>
`;
}
