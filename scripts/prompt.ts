import { createInterface } from "node:readline";

/**
 * Reads answers for a command-line prompt. On a terminal each question is asked and a secret is
 * not echoed; with piped input (scripts, tests) the answers are taken line by line from stdin.
 */
export function createPrompter() {
  const tty = Boolean(process.stdin.isTTY);
  let lines: Promise<string[]> | undefined;
  const piped = () =>
    (lines ??= new Promise((resolve) => {
      const all: string[] = [];
      createInterface({ input: process.stdin }).on("line", (l) => all.push(l)).on("close", () => resolve(all));
    }));

  async function ask(question: string, { secret = false } = {}): Promise<string> {
    if (!tty) return (await piped()).shift() ?? "";
    return new Promise((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      if (secret) {
        // Keeps the typed characters off the screen: readline writes through this.
        const write = (rl as unknown as { _writeToOutput: (s: string) => void });
        write._writeToOutput = (s: string) => {
          if (s.includes(question)) process.stdout.write(question);
        };
      }
      rl.question(question, (answer) => {
        rl.close();
        if (secret) process.stdout.write("\n");
        resolve(answer);
      });
    });
  }
  return { ask, tty };
}
