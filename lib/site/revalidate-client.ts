import { env } from "@/lib/env";
import { getRevalidateSecret } from "./revalidate-secret";

export type RevalidateRequest = { slugs: string[] };
export type RevalidateOutcome = { ok: true } | { ok: false; reason: string };

/** Asks the running site to drop its cached pages for these articles and every list. */
export async function requestRevalidation(body: RevalidateRequest, siteUrl = env.SITE_URL): Promise<RevalidateOutcome> {
  try {
    const res = await fetch(`${siteUrl}/api/revalidate`, {
      method: "POST",
      headers: { authorization: `Bearer ${getRevalidateSecret()}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    return res.ok ? { ok: true } : { ok: false, reason: `the site answered HTTP ${res.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, reason: cause === "ECONNREFUSED" ? `no site is running at ${siteUrl}` : (error as Error).message };
  }
}
