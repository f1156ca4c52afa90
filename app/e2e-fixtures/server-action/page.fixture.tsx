import { randomBytes } from "node:crypto";
import { redirect } from "next/navigation";

/**
 * Test fixture, routed only in builds made with E2E_FIXTURES=1 (next.config.mjs adds the
 * `fixture.tsx` page extension): a form whose server action closes over a value chosen at request
 * time. Next.js encrypts that value into the form, so another instance can run the action only if it
 * was built with the same NEXT_SERVER_ACTIONS_ENCRYPTION_KEY (e2e-serving/serving.spec.ts).
 */
export const dynamic = "force-dynamic";

export default function ServerActionFixture() {
  const nonce = randomBytes(8).toString("hex");
  async function echo(form: FormData) {
    "use server";
    const name = String(form.get("name") ?? "").slice(0, 40);
    redirect(`/e2e-fixtures/server-action?echo=${encodeURIComponent(`${nonce}:${name}`)}`);
  }
  return (
    <form action={echo} className="container">
      <p data-nonce={nonce}>Rendered with nonce {nonce}.</p>
      <label>
        Name <input name="name" defaultValue="Ada" />
      </label>
      <button type="submit">Send</button>
    </form>
  );
}
