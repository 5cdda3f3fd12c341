/** A PromQL expression of a dashboard panel, with where it came from. */
export interface PanelQuery {
  panel: string
  row: string
  expr: string
}

interface DashboardJson {
  panels: Array<{type: string; title: string; targets?: Array<{expr?: string}>}>
}

/** Every panel query of a dashboard JSON, tagged with the row it sits under. */
export function dashboardQueries(dashboard: DashboardJson): PanelQuery[] {
  const queries: PanelQuery[] = []
  let row = ''
  for (const panel of dashboard.panels) {
    if (panel.type === 'row') {
      row = panel.title
      continue
    }

    for (const target of panel.targets ?? []) if (target.expr) queries.push({expr: target.expr, panel: panel.title, row})
  }

  return queries
}

/**
 * Replaces Grafana's variables as Grafana would before sending a query to Prometheus:
 * `$job` and `$instance` by regular expressions, `$__rate_interval` by a real range.
 */
export function resolveVariables(expr: string, values: {job: string; instance: string; rateInterval: string}): string {
  return expr
    .replaceAll('$__rate_interval', values.rateInterval)
    .replaceAll('$instance', values.instance)
    .replaceAll('$job', values.job)
}
