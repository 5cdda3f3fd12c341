import type {CheckResult, HealthReport, HealthScope} from './health-types.js'

/** One entry of the IETF health-check draft's `checks` map. */
export interface HealthJsonEntry {
  componentId?: string
  componentType: 'component' | 'system'
  status: CheckResult['status']
  observedValue?: number | string
  observedUnit?: string
  output: string
  recommendation?: string
  time: string
  durationMs?: number
}

/** The `--json` document: the health-check response format draft plus score and scope. */
export interface HealthJson {
  status: CheckResult['status']
  description: string
  version?: string
  scope: HealthScope
  score: number
  time: string
  durationMs: number
  output?: string
  checks: Record<string, HealthJsonEntry[]>
}

function entry(result: CheckResult): HealthJsonEntry[] {
  const summary: HealthJsonEntry = {
    status: result.status,
    componentType: 'system',
    output: result.message,
    time: result.time,
    durationMs: result.durationMs,
    ...(result.observedValue === undefined ? {} : {observedValue: result.observedValue}),
    ...(result.observedUnit === undefined ? {} : {observedUnit: result.observedUnit}),
    ...(result.recommendation === undefined ? {} : {recommendation: result.recommendation}),
  }
  const components = (result.details ?? []).map((d): HealthJsonEntry => ({
    status: d.status,
    componentId: d.component,
    componentType: 'component',
    output: d.message,
    time: result.time,
    ...(d.observedValue === undefined ? {} : {observedValue: d.observedValue}),
    ...(d.observedUnit === undefined ? {} : {observedUnit: d.observedUnit}),
    ...(d.recommendation === undefined ? {} : {recommendation: d.recommendation}),
  }))
  return [summary, ...components]
}

/**
 * Keys are check names; each array starts with the check's own verdict (no componentId), followed
 * by one entry per component (provider, path) with its componentId.
 */
export function toHealthJson(report: HealthReport, scope: HealthScope, version?: string): HealthJson {
  const failing = report.checks.filter((c) => c.status !== 'pass')
  // Key order is for people reading the document: verdict first, checks last.
  return {
    status: report.status,
    ...(version === undefined ? {} : {version}),
    description: 'health of mgit on this machine and with its providers',
    scope,
    score: report.score,
    ...(failing.length === 0 ? {} : {output: failing.map((c) => `${c.name}: ${c.message}`).join('; ')}),
    time: report.time,
    durationMs: report.durationMs,
    checks: Object.fromEntries(report.checks.map((c) => [c.name, entry(c)])),
  }
}

const WORD: Record<CheckResult['status'], string> = {fail: 'FAIL', pass: 'PASS', warn: 'WARN'}

function observed(value: number | string | undefined, unit: string | undefined): string {
  if (value === undefined) return ''
  return unit === undefined ? String(value) : `${value} ${unit}`
}

/** The default output: the verdict, then one line per check that is not passing. */
function headline(report: HealthReport, scope: HealthScope): string {
  return `mgit health (${scope}): ${WORD[report.status]}, score ${report.score}, ${report.checks.length} check(s) in ${report.durationMs} ms`
}

export function renderVerdict(report: HealthReport, scope: HealthScope): string {
  const lines = [headline(report, scope)]
  for (const c of report.checks.filter((check) => check.status !== 'pass')) {
    lines.push(`  ${WORD[c.status]} ${c.name}: ${c.message}`)
  }

  if (report.status !== 'pass') lines.push('Run with --detailed for every check and what to do.')
  return lines.join('\n')
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd())
}

/** `--detailed`: a table of every check, its components indented below it, then the recommendations. */
export function renderDetailed(report: HealthReport, scope: HealthScope): string {
  const rows: string[][] = [['CHECK', 'STATUS', 'OBSERVED', 'MESSAGE']]
  for (const c of report.checks) {
    rows.push([c.name, WORD[c.status], observed(c.observedValue, c.observedUnit), c.details === undefined ? c.message : ''])
    for (const d of c.details ?? []) rows.push([`  ${d.component}`, WORD[d.status], observed(d.observedValue, d.observedUnit), d.message])
  }

  const advice: string[] = []
  for (const c of report.checks) {
    for (const d of c.details ?? []) if (d.recommendation !== undefined) advice.push(`  ${c.name}/${d.component}: ${d.recommendation}`)
    if (c.details === undefined && c.recommendation !== undefined) advice.push(`  ${c.name}: ${c.recommendation}`)
  }

  const lines = [headline(report, scope), '', ...table(rows)]
  if (advice.length > 0) lines.push('', 'Recommendations:', ...advice)
  return lines.join('\n')
}
