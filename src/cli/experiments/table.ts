/** Text and CSV tables for the experiment commands. */

/** Columns padded to a common width; the first column left-aligned, the others right-aligned. */
export function formatTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n";
}

/** RFC 4180 CSV: fields with commas, quotes or newlines are quoted, quotes doubled. */
export function toCSV(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const esc = (v: string | number): string => {
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [head, ...rows].map((r) => r.map(esc).join(",")).join("\n") + "\n";
}

/** A compact, file-friendly timestamp: 2026-11-22T04-38-03. */
export function timestamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/:/g, "-");
}
