import type {HealthReport} from '../health/health-types.js'
import type {RecentCommand} from './recent-commands.js'

export interface EndpointDoc {
  path: string
  description: string
  public: boolean
}

export interface PageModel {
  version: string
  endpoints: readonly EndpointDoc[]
  authRequired: boolean
  health: HealthReport | undefined
  inFlight: number
  recent: RecentCommand[]
}

const ESCAPES: Record<string, string> = {'"': '&quot;', '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;'}

function escape(value: unknown): string {
  return String(value).replaceAll(/["&'<>]/g, (c) => ESCAPES[c])
}

/** The landing page: what each endpoint is for, the current health and recent commands at a glance. */
export function renderPage(model: PageModel): string {
  const endpoints = model.endpoints
    .map((e) => `<tr><td><a href="${escape(e.path)}"><code>${escape(e.path)}</code></a></td><td>${escape(e.description)}</td><td>${e.public || !model.authRequired ? 'no' : 'yes'}</td></tr>`)
    .join('\n')
  const checks = model.health
    ? model.health.checks.map((c) => `<tr class="${escape(c.status)}"><td>${escape(c.name)}</td><td>${escape(c.status)}</td><td>${escape(c.message)}</td></tr>`).join('\n')
    : ''
  const recent = model.recent.length === 0
    ? '<tr><td colspan="5">No command recorded yet.</td></tr>'
    : model.recent
      .map((r) => `<tr class="${r.success ? 'pass' : 'fail'}"><td>${escape(r.time)}</td><td><code>${escape(r.cmd)}</code></td><td>${r.success ? 'success' : 'failure'}</td><td>${escape(r.exitCode)} (${escape(r.errorCategory)})</td><td>${escape(Math.round(r.durationMs))} ms</td></tr>`)
      .join('\n')
  const status = model.health?.status ?? 'unknown'
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>mgit monitoring</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}
td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}
.pass td:nth-child(2),.status-pass{color:#186a3b}.warn td:nth-child(2),.status-warn{color:#9a6700}.fail td:nth-child(2),.status-fail{color:#b42318}
</style>
</head>
<body>
<h1>mgit monitoring <small>${escape(model.version)}</small></h1>
<p>Health: <strong class="status-${escape(status)}">${escape(status)}</strong>${model.health ? ` (score ${escape(model.health.score.toFixed(2))}, checked ${escape(model.health.time)})` : ''}. Commands running now: <strong>${escape(model.inFlight)}</strong>.</p>
<h2>Health checks</h2>
<table><tr><th>Check</th><th>Status</th><th>Message</th></tr>
${checks}
</table>
<h2>Recent commands</h2>
<table><tr><th>Ended</th><th>Command</th><th>Result</th><th>Exit code (category)</th><th>Duration</th></tr>
${recent}
</table>
<h2>Endpoints</h2>
<table><tr><th>Path</th><th>What</th><th>Needs token</th></tr>
${endpoints}
</table>
</body>
</html>
`
}
