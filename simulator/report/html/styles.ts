import { PALETTE } from './colors';

/** Inline CSS: system fonts only (no web fonts to fetch), a responsive grid, and a print layout. */
export const STYLES = `
:root { color-scheme: light; --ink: ${PALETTE.ink}; --muted: ${PALETTE.muted}; --grid: ${PALETTE.grid}; --accent: ${PALETTE.accent}; --good: ${PALETTE.good}; --warn: ${PALETTE.warn}; --bg: #f5f7fa; --card: #ffffff; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif; font-variant-numeric: tabular-nums; }
main { max-width: 1240px; margin: 0 auto; padding: 28px 24px 16px; }
header.page { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 4px 24px; margin-bottom: 20px; }
header.page h1 { margin: 0; font-size: 22px; font-weight: 650; letter-spacing: -0.01em; }
header.page .subtitle { color: var(--muted); }
h2 { margin: 0 0 2px; font-size: 15px; font-weight: 650; }
.lead { margin: 0 0 14px; color: var(--muted); font-size: 13px; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; background: #eef1f5; padding: 1px 5px; border-radius: 4px; overflow-wrap: anywhere; }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(185px, 1fr)); gap: 12px; margin-bottom: 16px; }
.kpi { background: var(--card); border: 1px solid var(--grid); border-radius: 10px; padding: 12px 14px; border-top: 3px solid var(--grid); }
.kpi.good { border-top-color: var(--good); }
.kpi.warn { border-top-color: var(--warn); }
.kpi-label { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
.kpi-value { font-size: 22px; font-weight: 650; margin: 2px 0; line-height: 1.25; }
.kpi-value.compare { font-size: 18px; }
.kpi-value .arrow { color: var(--muted); font-weight: 400; margin: 0 2px; }
.kpi-detail { font-size: 12.5px; color: var(--muted); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 16px; margin-bottom: 16px; }
section.panel { background: var(--card); border: 1px solid var(--grid); border-radius: 10px; padding: 16px 18px; margin-bottom: 16px; min-width: 0; }
.grid > section.panel { margin-bottom: 0; }
svg.chart { display: block; max-width: 100%; height: auto; font-family: inherit; }
svg.heatmap, svg.histogram, svg.sweep { width: 100%; }
svg .axis { font-size: 11px; fill: var(--muted); }
svg .axis.strong { font-weight: 600; fill: var(--ink); font-size: 12px; }
svg .axis-title { font-size: 12px; fill: var(--ink); font-weight: 600; }
svg .cell-value { font-size: 10px; font-weight: 600; }
svg .cell-count { font-size: 16px; font-weight: 650; }
svg .cell-share { font-size: 11px; }
svg .bar-value { font-size: 11px; fill: var(--ink); }
svg .point-label { font-size: 11px; fill: var(--ink); font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.note { background: #f3f6fa; border-left: 3px solid var(--accent); padding: 10px 12px; margin: 8px 0 0; color: var(--ink); border-radius: 0 6px 6px 0; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th, td { padding: 6px 8px; border-bottom: 1px solid var(--grid); text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { font-weight: 600; color: var(--muted); font-size: 12px; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.compact td, table.compact th { padding: 4px 6px; }
.table-wrap { max-height: 520px; overflow: auto; }
.table-scroll { overflow-x: auto; }
.meter { position: relative; display: inline-block; min-width: 92px; text-align: right; }
.meter-fill { position: absolute; left: 0; top: 15%; height: 70%; background: #dbe7f5; border-radius: 2px; }
.meter-text { position: relative; padding-right: 2px; }
.cost-grid { display: grid; grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr); gap: 24px; align-items: start; }
.cost-facts p { margin: 8px 0; }
.saving { font-size: 14px; }
.saving .big { font-size: 22px; font-weight: 650; color: var(--good); }
.legend { font-size: 12px; color: var(--muted); margin: 8px 0 0; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 4px 0 10px; vertical-align: -1px; }
.swatch:first-child { margin-left: 0; }
.sweep-values { margin-top: 10px; }
footer.page { max-width: 1240px; margin: 0 auto; padding: 8px 24px 32px; color: var(--muted); font-size: 12.5px; }
footer.page dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; }
footer.page dt { font-weight: 600; }
footer.page dd { margin: 0; overflow-wrap: anywhere; }
@media (max-width: 720px) { .cost-grid, .grid { grid-template-columns: minmax(0, 1fr); } main { padding: 16px 12px; } }
@media print {
  body { background: #fff; font-size: 11px; }
  main, footer.page { max-width: none; padding: 0; }
  section.panel, .kpi { border-color: #ccc; break-inside: avoid; page-break-inside: avoid; }
  .grid { grid-template-columns: minmax(0, 1fr); }
  .cost-grid { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  svg.histogram, svg.sweep { width: auto; }
  .table-wrap { max-height: none; overflow: visible; }
  .kpis { grid-template-columns: repeat(4, 1fr); }
  details::details-content { content-visibility: visible; display: block; }
  details > summary { list-style: none; }
  @page { margin: 12mm; }
}
`;
