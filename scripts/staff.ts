/**
 * Staff accounts for /admin, from the command line only:
 *   npm run staff:add -- <email> [--name "Full Name"]   create, or reset the password (prompts for it)
 *   npm run staff:list
 *   npm run staff:remove -- <email>
 * With piped input the password is read from the first line of stdin (and its confirmation from the second, if any).
 */
import { listStaffAccounts, normalizeEmail, removeStaffAccount, saveStaffAccount } from "@/db/staff";
import { hashPassword, passwordProblem } from "@/lib/staff/password";
import { runWithDatabase } from "./cli";
import { createPrompter } from "./prompt";

const [command, ...rest] = process.argv.slice(2);
const nameFlag = rest.indexOf("--name");
const name = nameFlag >= 0 ? (rest[nameFlag + 1] ?? "").trim() || null : null;
const email = rest.find((a, i) => !a.startsWith("--") && (nameFlag < 0 || i !== nameFlag + 1));

function usage(): never {
  console.error('Usage: npm run staff:add -- <email> [--name "Full Name"] | npm run staff:list | npm run staff:remove -- <email>');
  process.exit(2);
}

const looksLikeEmail = (e: string | undefined): e is string => !!e && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e.trim()) && e.length <= 254;

if (command === "add") {
  if (!looksLikeEmail(email)) usage();
  const prompter = createPrompter();
  const password = await prompter.ask(`Password for ${normalizeEmail(email)}: `, { secret: true });
  const problem = passwordProblem(password);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  const again = await prompter.ask("Repeat it: ", { secret: true });
  if (prompter.tty || again !== "") {
    if (again !== password) {
      console.error("The two passwords differ; nothing was changed.");
      process.exit(1);
    }
  }
  const passwordHash = await hashPassword(password);
  await runWithDatabase(async () => {
    const outcome = await saveStaffAccount({ email, name, passwordHash });
    console.log(
      outcome === "created"
        ? `Created the staff account ${normalizeEmail(email)}. Sign in at /admin/sign-in.`
        : `Reset the password of ${normalizeEmail(email)}; its existing sessions are signed out.`,
    );
  });
} else if (command === "list") {
  await runWithDatabase(async () => {
    const accounts = await listStaffAccounts();
    if (accounts.length === 0) console.log("No staff accounts yet. Add one with: npm run staff:add -- <email>");
    for (const a of accounts) {
      console.log(`${a.email}\t${a.name}\tcreated ${a.createdAt.toISOString().slice(0, 10)}\tlast sign-in ${a.lastSignInAt?.toISOString().slice(0, 16).replace("T", " ") ?? "never"}`);
    }
  });
} else if (command === "remove") {
  if (!looksLikeEmail(email)) usage();
  await runWithDatabase(async () => {
    if (await removeStaffAccount(email)) {
      console.log(`Removed ${normalizeEmail(email)}; its sessions no longer work.`);
      return 0;
    }
    console.error(`No staff account for ${normalizeEmail(email)}.`);
    return 1;
  });
} else {
  usage();
}
