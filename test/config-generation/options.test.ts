import {expect} from 'chai'

import {DEFAULT_OPTIONS, OptionError, datasourceUid, validateOptions} from '../../src/config-generation/options.js'

describe('generate-config options', function () {
  it('fills in the defaults, the project from the namespace, and de-duplicates targets', function () {
    const options = validateOptions({namespace: 'platform', targets: ['a.example.com:8080', 'a.example.com:8080', '10.0.0.1:9464', '[::1]:8080']})
    expect(options).to.include({datasource: DEFAULT_OPTIONS.datasource, job: 'mgit', namespace: 'platform', project: 'platform', slo: 0.99})
    expect(options.targets).to.deep.equal(['a.example.com:8080', '10.0.0.1:9464', '[::1]:8080'])
    expect(validateOptions({}).targets).to.deep.equal(['host.docker.internal:8080'])
  })

  const invalid: Array<[string, Record<string, unknown>, RegExp]> = [
    ['a target without a port', {targets: ['localhost']}, /invalid --target "localhost": use host:port/],
    ['a target with a URL scheme', {targets: ['http://x:80']}, /invalid --target/],
    ['a target with port 0', {targets: ['x:0']}, /invalid --target/],
    ['a target with port 70000', {targets: ['x:70000']}, /invalid --target/],
    ['a target with a label-breaking quote', {targets: ['x":80']}, /invalid --target/],
    ['no target at all', {targets: []}, /at least one --target/],
    ['an upper-case namespace', {namespace: 'Platform'}, /invalid --namespace "Platform"/],
    ['a job with a quote', {job: 'mgit"}'}, /invalid --job/],
    ['a datasource with a quote', {datasource: 'Prom"'}, /invalid --datasource/],
    ['an SLO of 1', {slo: 1}, /invalid --slo "1"/],
    ['an SLO too low to ever burn fast', {slo: 0.9}, /invalid --slo "0.9"/],
    ['an SLO that is not a number', {slo: Number.NaN}, /invalid --slo/],
    ['a scrape interval without a unit', {scrapeInterval: '15'}, /invalid --scrape-interval "15"/],
    ['a schedule of three fields', {schedule: '0 3 *'}, /invalid --schedule/],
    ['a runbook URL with a space', {runbookUrl: 'docs/run book.md'}, /invalid --runbook-url/],
  ]
  for (const [what, input, message] of invalid) {
    it(`rejects ${what} with a one-line message`, function () {
      expect(() => validateOptions(input)).to.throw(OptionError, message)
      try {
        validateOptions(input)
      } catch (error) {
        expect((error as Error).message).not.to.contain('\n')
      }
    })
  }

  it('derives a Grafana UID from the datasource name', function () {
    expect(datasourceUid('Prometheus')).to.equal('prometheus')
    expect(datasourceUid('Team Prom (prod)')).to.equal('team-prom-prod')
    expect(datasourceUid('x'.repeat(60))).to.have.length(40)
  })
})
