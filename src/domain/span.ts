/**
 * A length of time as people read it on a pager or a terminal: the two largest units,
 * `2 d 4 h`, `3 h 12 min`, `45 s`. Negative spans are shown by their size.
 */
export function formatSpan(ms: number): string {
  let rest = Math.round(Math.abs(ms) / 1000);
  const units: [string, number][] = [
    ["d", 86_400],
    ["h", 3_600],
    ["min", 60],
    ["s", 1],
  ];
  const parts: string[] = [];
  for (const [name, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || (parts.length > 0 && parts.length < 2)) parts.push(`${n} ${name}`);
    if (parts.length === 2) break;
  }
  const shown = parts.filter((p, i) => i === 0 || !p.startsWith("0 "));
  return shown.length > 0 ? shown.join(" ") : "0 s";
}
