/**
 * CSV as RFC 4180 (quoted when needed, CRLF line ends). Text that a spreadsheet would run as a
 * formula (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe, so an
 * e-mail or a metadata value cannot become a formula in the newsroom's spreadsheet.
 */
export function csvCell(value: string | number | null | undefined, { text = true } = {}): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: string[]): string {
  return `${cells.join(",")}\r\n`;
}
