import type {Dashboard, Panel, RowPanel} from '@grafana/schema'
import {expect} from 'chai'

import {buildDashboard} from '../../src/config-generation/dashboard/dashboard.js'
import {validateOptions} from '../../src/config-generation/options.js'
import {recordingRules} from '../../src/config-generation/recording-rules.js'
import {catalogSeriesNames, selectedNames} from '../helpers/catalog-names.js'
import {dashboardQueries} from '../helpers/dashboard-queries.js'

const CATEGORIES = ['Overview', 'Operations', 'Performance', 'Providers', 'Authentication', 'Resources']
const UNITS = new Set(['bytes', 'ops', 'percentunit', 'reqps', 's', 'short'])

function panelsOf(dashboard: Dashboard): Panel[] {
  return (dashboard.panels ?? []).filter((panel): panel is Panel => panel.type !== 'row')
}

function queriesOf(dashboard: Dashboard): ReturnType<typeof dashboardQueries> {
  return dashboardQueries(dashboard as Parameters<typeof dashboardQueries>[0])
}

describe('Grafana dashboard', function () {
  const options = validateOptions({datasource: 'Team Prometheus', job: 'mgit-sync'})
  const dashboard = buildDashboard(options)
  const panels = panelsOf(dashboard)

  it('has at least 20 panels in rows for the six categories of the seed', function () {
    const rows = (dashboard.panels ?? []).filter((panel): panel is RowPanel => panel.type === 'row').map((row) => row.title)
    expect(rows).to.deep.equal(CATEGORIES)
    expect(panels.length).to.be.at.least(20)
    const perRow = new Map(CATEGORIES.map((title) => [title, new Set(queriesOf(dashboard).filter((q) => q.row === title).map((q) => q.panel)).size]))
    for (const [row, count] of perRow) expect(count, row).to.be.at.least(3)
  })

  it('gives every panel a unit, a description and the datasource variable', function () {
    for (const panel of panels) {
      expect(UNITS.has(String(panel.fieldConfig?.defaults.unit)), `${panel.title}: ${panel.fieldConfig?.defaults.unit}`).to.equal(true)
      expect(panel.description, panel.title).to.be.a('string').and.not.equal('')
      expect(panel.datasource).to.deep.equal({type: 'prometheus', uid: '${datasource}'})
      for (const target of panel.targets ?? []) expect(target.datasource).to.deep.equal({type: 'prometheus', uid: '${datasource}'})
    }

    const units = new Set(panels.map((panel) => panel.fieldConfig?.defaults.unit))
    expect([...units].sort()).to.deep.equal([...UNITS].sort())
  })

  it('has a datasource variable defaulting to --datasource, and job and instance variables', function () {
    const variables = dashboard.templating?.list ?? []
    expect(variables.map((v) => v.name)).to.deep.equal(['datasource', 'job', 'instance'])
    expect(variables[0]).to.include({query: 'prometheus', type: 'datasource'})
    expect(variables[0].current).to.deep.equal({text: 'Team Prometheus', value: 'team-prometheus'})
    expect(variables[1].current).to.deep.equal({text: 'mgit-sync', value: 'mgit-sync'})
    expect(variables[2]).to.include({allValue: '.+', includeAll: true})
  })

  it('aggregates with sum by, takes quantiles over sum by (le), and rates over $__rate_interval', function () {
    const queries = queriesOf(dashboard)
    expect(queries.length).to.be.at.least(panels.length)
    for (const {expr, panel} of queries) {
      for (const match of expr.matchAll(/histogram_quantile\(([^,]+), (\w+)/g)) {
        expect(match[2], panel).to.equal('sum')
        expect(expr, panel).to.match(/histogram_quantile\(0\.\d+, sum by \(le(, \w+)*\) \(rate\(\w+_bucket\{[^}]*\}\[\$__rate_interval\]\)\)\)/)
      }

      for (const match of expr.matchAll(/(?:rate|increase)\([^[]+\[([^\]]+)\]/g)) expect(match[1], panel).to.equal('$__rate_interval')
      // Every counter aggregation keeps only the labels it names.
      for (const match of expr.matchAll(/\b(sum|min|max)\s*(by \([^)]*\))?\s*\(/g)) expect(match[0], panel).to.match(/^(sum|min|max)( by \([a-z_, ]+\) )?\($/)
      expect(expr, panel).to.contain('job=~"$job"')
    }
  })

  it('queries only series the metrics catalog exposes (or Prometheus records from it)', function () {
    const known = catalogSeriesNames()
    known.add('up')
    for (const rule of recordingRules(options)) known.add(rule.record)
    expect(known.has('mgit_operation_duration_seconds_bucket')).to.equal(true)
    const used = new Set<string>()
    for (const {expr, panel} of queriesOf(dashboard)) {
      for (const name of selectedNames(expr)) {
        expect(known.has(name), `${panel}: ${name} is not in the catalog`).to.equal(true)
        used.add(name)
      }
    }

    // The seed's contract metrics all have a panel.
    for (const name of ['mgit_operations_total', 'mgit_operations_success_total', 'mgit_operations_failure_total', 'mgit_git_operations_total', 'mgit_git_clone_duration_seconds_bucket', 'mgit_api_requests_total', 'mgit_api_request_duration_seconds_bucket', 'mgit_auth_attempts_total', 'mgit_health_overall', 'mgit_concurrent_operations']) {
      expect(used.has(name), name).to.equal(true)
    }
  })

  it('lays panels out without overlaps, with unique ids', function () {
    const all = dashboard.panels ?? []
    expect(new Set(all.map((p) => p.id)).size).to.equal(all.length)
    const cells = new Set<string>()
    for (const panel of all) {
      const {h, w, x, y} = panel.gridPos!
      expect(x + w, panel.title).to.be.at.most(24)
      for (let row = y; row < y + h; row++) {
        for (let col = x; col < x + w; col++) {
          const cell = `${row}/${col}`
          expect(cells.has(cell), `${panel.title} overlaps at ${cell}`).to.equal(false)
          cells.add(cell)
        }
      }
    }
  })
})
