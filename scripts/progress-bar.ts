/**
 * A one-line progress bar on stderr. On a terminal it redraws in place; in a log (CI, cron) it
 * prints a line per phase and per tenth, so the log stays short.
 */
export function createProgressBar(stream: NodeJS.WriteStream = process.stderr) {
  const width = 30;
  let lastLogged = "";
  return {
    update(label: string, fraction: number, detail = "") {
      const f = Math.min(1, Math.max(0, fraction));
      const filled = Math.round(f * width);
      const line = `${label.padEnd(18)} [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${String(Math.round(f * 100)).padStart(3)}% ${detail}`;
      if (stream.isTTY) {
        stream.write(`\r${line}\x1b[K`);
      } else {
        const key = `${label}:${Math.floor(f * 10)}`;
        if (key !== lastLogged) stream.write(`${line}\n`);
        lastLogged = key;
      }
    },
    done() {
      if (stream.isTTY) stream.write("\n");
    },
  };
}
