/**
 * The terminal view of a performance report: one table row per operation and provider with a
 * sparkline of its hourly mean duration over the window, then the anomalies with their reasons.
 * Colour only on a terminal that wants it (TTY, no NO_COLOR).
 */
import type {OperationReport, PerformanceReport} from './analysis.js'

const BARS = '▁▂▃▄▅▆▇█'
/** Up to two days of hours fit as they are; longer windows are averaged down to this many columns. */
const MAX_POINTS = 49

export function formatMs(ms: number | null): string {
  if (ms === null) return '-'
  if (ms < 1) return `${ms.toFixed(2)}ms`
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)}ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`
  const minutes = Math.floor(ms / 60_000)
  return `${minutes}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`
}

function percent(rate: number | null): string {
  return rate === null ? '-' : `${(rate * 100).toFixed(rate === 1 ? 0 : 1)}%`
}

function change(relative: number | null): string {
  if (relative === null) return '-'
  const pct = Math.round(relative * 100)
  return `${pct > 0 ? '+' : ''}${pct}%`
}

/** Values (null = no data) as a sparkline, averaged down to at most `points` columns. */
export function sparkline(values: Array<number | null>, points = MAX_POINTS): string {
  const step = Math.max(1, Math.ceil(values.length / points))
  const columns: Array<number | null> = []
  for (let i = 0; i < values.length; i += step) {
    const present = values.slice(i, i + step).filter((v): v is number => v !== null)
    columns.push(present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length)
  }

  const present = columns.filter((v): v is number => v !== null)
  if (present.length === 0) return ' '.repeat(columns.length)
  const low = Math.min(...present)
  const high = Math.max(...present)
  return columns
    .map((v) => (v === null ? ' ' : BARS[high === low ? 3 : Math.round(((v - low) / (high - low)) * (BARS.length - 1))]))
    .join('')
}

function hourlyMeans(op: OperationReport): Array<number | null> {
  // Weighted by runs when averaged down: a sparkline column stands for its hours' mean duration.
  return op.hourly.map((h) => h.meanMs)
}

interface Style {
  bold(text: string): string
  red(text: string): string
}

const PLAIN: Style = {bold: (t) => t, red: (t) => t}
const ANSI: Style = {bold: (t) => `\u001B[1m${t}\u001B[22m`, red: (t) => `\u001B[31m${t}\u001B[39m`}

export function useColour(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb'
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)))
  const numeric = new Set([2, 3, 4, 5, 6, 7, 8, 9, 10])
  return rows.map((r) =>
    r
      .map((cell, c) => (c === r.length - 1 ? cell : numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd(),
  )
}

export function renderReport(report: PerformanceReport, colour = false): string {
  const style = colour ? ANSI : PLAIN
  const lines = [
    style.bold(`mgit performance, ${report.window.start} to ${report.window.end} (${report.window.hours}h), baseline ${report.baseline.days} day(s) before`),
    '',
  ]
  if (report.operations.length === 0) {
    lines.push('No operations recorded in this window.')
    return lines.join('\n') + '\n'
  }

  const header = ['OPERATION', 'PROVIDER', 'RUNS', 'OK', 'MIN', 'MEAN', 'P50', 'P95', 'P99', 'MAX', 'P95 Δ', `HOURLY MEAN (${report.window.hours}h)`]
  const rows = report.operations.map((op) => [
    op.operation,
    op.provider ?? '-',
    String(op.current.count),
    percent(op.current.successRate),
    formatMs(op.current.minMs),
    formatMs(op.current.meanMs),
    formatMs(op.current.medianMs),
    formatMs(op.current.p95Ms),
    formatMs(op.current.p99Ms),
    formatMs(op.current.maxMs),
    change(op.trend.p95Ms.relative),
    sparkline(hourlyMeans(op)) + (op.anomaly.flagged ? '  SLOWER' : ''),
  ])
  const [head, ...body] = table([header, ...rows])
  lines.push(style.bold(head))
  for (const [i, row] of body.entries()) lines.push(report.operations[i].anomaly.flagged ? style.red(row) : row)
  lines.push('', `P95 Δ: change against the previous ${report.window.hours}h. Quantiles within ${report.method.relativeError * 100}% of the exact value.`)
  const flagged = report.operations.filter((op) => op.anomaly.flagged)
  lines.push(flagged.length === 0 ? 'No anomalies against the baseline.' : `${flagged.length} anomal${flagged.length === 1 ? 'y' : 'ies'}:`)
  for (const op of flagged) lines.push(style.red(`  ${op.operation} on ${op.provider ?? '-'}: ${op.anomaly.reason}`))
  for (const warning of report.compaction.warnings) lines.push(`warning: ${warning}`)
  return lines.join('\n') + '\n'
}
