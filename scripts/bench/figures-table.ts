/** The table every benchmark contributes a row to: figure, baseline, ratio, target, met or not. */

export interface Row {
  id: string;
  what: string;
  figure: string;
  baseline: string;
  ratio: string;
  target: string;
  /** null for informational rows without a target. */
  met: boolean | null;
}

/** Seconds with three significant decimals: 1.234 s, or 87 ms under a second. */
export function duration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms`;
}

export function ratio(x: number): string {
  return `${x < 10 ? x.toFixed(2) : x.toFixed(1)}x`;
}

export function rate(perSecond: number): string {
  return `${Math.round(perSecond).toLocaleString("en-US")}/s`;
}

/** A plain-text table with aligned columns. */
export function formatTable(rows: readonly Row[]): string {
  const head = ["#", "benchmark", "figure (median)", "baseline (median)", "ratio", "target", "met"];
  const cells = rows.map((r) => [
    r.id,
    r.what,
    r.figure,
    r.baseline,
    r.ratio,
    r.target,
    r.met === null ? "-" : r.met ? "yes" : "NO",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((x, i) => x.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

/** The same rows as a Markdown table, for BENCHMARKS.md. */
export function markdownTable(rows: readonly Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  const out = [
    "| # | benchmark | figure (median) | baseline (median) | ratio | target | met |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const r of rows)
    out.push(
      `| ${r.id} | ${esc(r.what)} | ${r.figure} | ${esc(r.baseline)} | ${r.ratio} | ${r.target} | ${r.met === null ? "-" : r.met ? "yes" : "**no**"} |`,
    );
  return out.join("\n");
}
