/**
 * Staff accounts for /admin, from the command line only:
 *   npm run staff:add -- <email> [--name "Full Name"] [--role owner|finance|read-only]
 *        create (read-only unless --role says otherwise), or reset the password (prompts for it), ending its sessions
 *   npm run staff:list
 *   npm run staff:remove -- <email>
 *   npm run staff:reset-2fa -- <email>   two-factor off (a lost phone and lost recovery codes), sessions ended
 * With piped input the password is read from the first line of stdin (and its confirmation from the second, if any).
 */
import { listStaffAccounts, normalizeEmail, removeStaffAccount, resetStaffTotp, saveStaffAccount } from "@/db/staff";
import { isStaffRole, STAFF_ROLES } from "@/lib/staff/roles";
import { hashPassword, passwordProblem } from "@/lib/staff/password";
import { runWithDatabase } from "./cli";
import { createPrompter } from "./prompt";

const [command, ...rest] = process.argv.slice(2);
const flag = (name: string) => {
  const at = rest.indexOf(name);
  return { at, value: at >= 0 ? (rest[at + 1] ?? "").trim() || null : null };
};
const nameFlag = flag("--name");
const roleFlag = flag("--role");
const name = nameFlag.value;
const flagValues = new Set([nameFlag, roleFlag].filter((f) => f.at >= 0).map((f) => f.at + 1));
const email = rest.find((a, i) => !a.startsWith("--") && !flagValues.has(i));

function usage(): never {
  console.error(
    `Usage: npm run staff:add -- <email> [--name "Full Name"] [--role ${STAFF_ROLES.join("|")}] | npm run staff:list | npm run staff:remove -- <email> | npm run staff:reset-2fa -- <email>`,
  );
  process.exit(2);
}

const looksLikeEmail = (e: string | undefined): e is string => !!e && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e.trim()) && e.length <= 254;

if (command === "add") {
  if (!looksLikeEmail(email)) usage();
  if (roleFlag.at >= 0 && !isStaffRole(roleFlag.value)) {
    console.error(`The role must be one of ${STAFF_ROLES.join(", ")}.`);
    process.exit(2);
  }
  const role = isStaffRole(roleFlag.value) ? roleFlag.value : undefined;
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
    const outcome = await saveStaffAccount({ email, name, passwordHash, role });
    console.log(
      outcome === "created"
        ? `Created the staff account ${normalizeEmail(email)} (${role ?? "read-only"}). Sign in at /admin/sign-in.`
        : `Reset the password of ${normalizeEmail(email)}; its existing sessions are signed out.`,
    );
  });
} else if (command === "list") {
  await runWithDatabase(async () => {
    const accounts = await listStaffAccounts();
    if (accounts.length === 0) console.log("No staff accounts yet. Add one with: npm run staff:add -- <email>");
    for (const a of accounts) {
      console.log(`${a.email}\t${a.name}\t${a.role}\t2FA ${a.twoFactor ? "on" : "off"}\tcreated ${a.createdAt.toISOString().slice(0, 10)}\tlast sign-in ${a.lastSignInAt?.toISOString().slice(0, 16).replace("T", " ") ?? "never"}`);
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
} else if (command === "reset-2fa") {
  if (!looksLikeEmail(email)) usage();
  await runWithDatabase(async () => {
    if (await resetStaffTotp(email)) {
      console.log(`Two-factor sign-in is off for ${normalizeEmail(email)} and its sessions are ended; it can enrol again from its account page.`);
      return 0;
    }
    console.error(`No staff account for ${normalizeEmail(email)}.`);
    return 1;
  });
} else {
  usage();
}
