/**
 * Charts as SVG text, rendered at build time with Observable Plot on a linkedom document (no browser,
 * no script in the page). Each chart is a `<figure>` whose SVG has role img and a label, and every
 * chart on the site sits next to a table with the same numbers, so nothing is told by the picture
 * alone. Bars carry their value as text; colour only repeats what the axis labels say.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/** One bar: its group (x axis), an optional series inside the group, and its value. */
interface Bar {
  group: string;
  series?: string;
  value: number;
}

export interface BarChartInput {
  bars: readonly Bar[];
  /** Short name of the chart, also the SVG's accessible label. */
  label: string;
  /** Label of the value axis (with unit). */
  yLabel: string;
  /** Caption under the chart. */
  caption: string;
  /** Upper end of the value axis (default: from the data). */
  yMax?: number;
  /** Text written on each bar (default: the value rounded). */
  format?: (value: number) => string;
  /** Bars laid horizontally, one row per group (for long lists such as people). */
  horizontal?: boolean;
  width?: number;
}

/** The document type Plot expects (the project compiles without the DOM library). */
type PlotDocument = NonNullable<Plot.PlotOptions["document"]>;
/** What is used of the SVG element Plot returns. */
interface SvgElement {
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  querySelectorAll(selector: string): Iterable<SvgElement>;
  outerHTML: string;
}

let doc: PlotDocument | undefined;
function document(): PlotDocument {
  doc ??= parseHTML("<!doctype html><html><body></body></html>").document as unknown as PlotDocument;
  return doc;
}

/** A bar chart as a `<figure>` with SVG. Groups keep the order of first appearance in `bars`. */
export function barChart(input: BarChartInput): string {
  const fmt = input.format ?? ((v: number) => String(Math.round(v * 10) / 10));
  const data = input.bars.map((b) => ({ ...b, series: b.series ?? "", text: fmt(b.value) }));
  const groups = [...new Set(data.map((d) => d.group))];
  const series = [...new Set(data.map((d) => d.series))];
  const grouped = series.length > 1;
  const width = input.width ?? 640;
  const yDomain = [0, Math.max(input.yMax ?? 0, ...data.map((d) => d.value), 1)];
  const svg = input.horizontal
    ? Plot.plot({
        document: document(),
        width,
        height: Math.max(80, groups.length * 18 + 50),
        marginLeft: 130,
        marginRight: 40,
        x: { label: input.yLabel, domain: yDomain, grid: true },
        y: { label: null, domain: groups },
        marks: [
          Plot.barX(data, { y: "group", x: "value", fill: "#0969da" }),
          Plot.text(data, { y: "group", x: "value", text: "text", textAnchor: "start", dx: 4 }),
          Plot.ruleX([0]),
        ],
      })
    : Plot.plot({
        document: document(),
        width,
        height: 280,
        marginTop: 40,
        marginBottom: 40,
        y: { label: input.yLabel, domain: yDomain, grid: true },
        ...(grouped
          ? { fx: { label: null, domain: groups }, x: { label: null, domain: series }, color: { domain: series } }
          : { x: { label: null, domain: groups } }),
        marks: [
          grouped
            ? Plot.barY(data, { fx: "group", x: "series", y: "value", fill: "series" })
            : Plot.barY(data, { x: "group", y: "value", fill: "#0969da" }),
          Plot.text(data, {
            ...(grouped ? { fx: "group", x: "series" } : { x: "group" }),
            y: "value",
            text: "text",
            dy: -6,
          }),
          Plot.ruleY([0]),
        ],
      });
  const el = svg as unknown as SvgElement;
  // Plot labels its groups (aria-label on <g>), which ARIA does not allow there; the figure's label and
  // the table beside it carry the meaning.
  for (const g of el.querySelectorAll("[aria-label]")) g.removeAttribute("aria-label");
  el.setAttribute("role", "img");
  el.setAttribute("aria-label", input.label);
  return `<figure>${el.outerHTML}<figcaption>${escapeText(input.caption)}</figcaption></figure>`;
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
