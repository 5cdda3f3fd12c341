import type {Dashboard, GridPos, Panel, RowPanel, VariableModel} from '@grafana/schema'

import {type StackOptions, datasourceUid} from '../options.js'
import {categories} from './categories.js'
import {DATASOURCE, type PanelSpec, buildPanel, buildRow} from './panel-builders.js'

export const DASHBOARD_UID = 'mgit-overview'
/** Grafana 11 reads this schema version natively (and migrates anything older). */
const SCHEMA_VERSION = 39
const WIDTH = 24
const HEIGHT: Record<PanelSpec['kind'], number> = {stat: 4, table: 8, timeseries: 8}
const PANEL_WIDTH: Record<PanelSpec['kind'], number> = {stat: 4, table: 12, timeseries: 12}

function variables(options: StackOptions): VariableModel[] {
  const labelValues = (query: string): Record<string, unknown> => ({qryType: 1, query, refId: 'PrometheusVariableQueryEditor-VariableQuery'})
  const jobQuery = 'label_values(mgit_health_overall, job)'
  const instanceQuery = 'label_values(mgit_health_overall{job=~"$job"}, instance)'
  return [
    {
      current: {text: options.datasource, value: datasourceUid(options.datasource)},
      label: 'Data source',
      name: 'datasource',
      query: 'prometheus',
      type: 'datasource',
    },
    {
      current: {text: options.job, value: options.job},
      datasource: DATASOURCE,
      label: 'Job',
      name: 'job',
      query: labelValues(jobQuery),
      refresh: 1,
      type: 'query',
    },
    {
      allValue: '.+',
      current: {text: 'All', value: '$__all'},
      datasource: DATASOURCE,
      includeAll: true,
      label: 'Instance',
      multi: true,
      name: 'instance',
      query: labelValues(instanceQuery),
      refresh: 2,
      type: 'query',
    },
  ]
}

/** Rows per category; panels flow left to right, wrapping at the grid's 24 columns. */
function layout(options: StackOptions): Array<Panel | RowPanel> {
  const panels: Array<Panel | RowPanel> = []
  let id = 1
  let y = 0
  for (const category of categories(options.slo)) {
    panels.push(buildRow(id++, category.title, y))
    y += 1
    let x = 0
    let rowHeight = 0
    for (const spec of category.panels) {
      const w = PANEL_WIDTH[spec.kind]
      const h = HEIGHT[spec.kind]
      if (x + w > WIDTH) {
        x = 0
        y += rowHeight
        rowHeight = 0
      }

      const gridPos: GridPos = {h, w, x, y}
      panels.push(buildPanel(id++, spec, gridPos))
      x += w
      rowHeight = Math.max(rowHeight, h)
    }

    y += rowHeight
  }

  return panels
}

/** The mgit dashboard, typed with Grafana's own schema. */
export function buildDashboard(options: StackOptions): Dashboard {
  return {
    description: 'mgit commands, git and provider API activity, health and the monitoring server, from @mgit/plugin-monitoring.',
    editable: true,
    graphTooltip: 1,
    links: [],
    panels: layout(options),
    refresh: '30s',
    schemaVersion: SCHEMA_VERSION,
    tags: ['mgit'],
    templating: {list: variables(options)},
    time: {from: 'now-6h', to: 'now'},
    timezone: 'browser',
    title: 'mgit',
    uid: DASHBOARD_UID,
    version: 1,
  }
}
