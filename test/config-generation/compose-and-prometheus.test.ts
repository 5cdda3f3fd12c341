import {expect} from 'chai'
import {existsSync} from 'node:fs'
import {join} from 'node:path'

import {ALERTMANAGER_CONFIG_PATH} from '../../src/config-generation/alertmanager-config.js'
import {COMPOSE_PATH} from '../../src/config-generation/docker-compose.js'
import {GRAFANA_DASHBOARDS_DIR, GRAFANA_PATHS} from '../../src/config-generation/grafana-provisioning.js'
import {PROMETHEUS_CONFIG_PATH} from '../../src/config-generation/prometheus-config.js'
import {RULE_PATHS} from '../../src/config-generation/rule-files.js'
import {PUSH_JOB} from '../../src/push/pushgateway-client.js'
import {type GeneratedStack, generateStack} from '../helpers/generated-stack.js'
import {useTempDir} from '../helpers/use-temp-dir.js'

interface ComposeService {
  image: string
  ports?: string[]
  volumes?: string[]
  command?: string[]
  environment?: Record<string, string>
  extra_hosts?: string[]
}

describe('docker-compose, prometheus.yml and Grafana provisioning', function () {
  const temp = useTempDir('mgit-compose-')
  let stack: GeneratedStack
  let services: Record<string, ComposeService>

  beforeEach(async function () {
    stack = await generateStack(temp(), {datasource: 'Ops Prometheus', job: 'mgit-ci', targets: ['a.example.com:8080', 'b.example.com:8080']})
    services = stack.yaml<{services: Record<string, ComposeService>}>(COMPOSE_PATH).services
  })

  it('pins every image to a version', function () {
    expect(Object.keys(services).sort()).to.deep.equal(['alertmanager', 'grafana', 'prometheus', 'pushgateway'])
    for (const [name, service] of Object.entries(services)) expect(service.image, name).to.match(/^[a-z/]+:v?\d+\.\d+\.\d+$/)
  })

  it('publishes ports on 127.0.0.1 only and takes the Grafana password from the environment', function () {
    for (const [name, service] of Object.entries(services)) {
      expect(service.ports, name).to.have.length(1)
      for (const port of service.ports!) expect(port, name).to.match(/^127\.0\.0\.1:\d+:\d+$/)
    }

    expect(services.grafana.environment?.GF_SECURITY_ADMIN_PASSWORD).to.match(/^\$\{GRAFANA_ADMIN_PASSWORD:\?.+\}$/)
    expect(services.prometheus.extra_hosts).to.deep.equal(['host.docker.internal:host-gateway'])
  })

  it('mounts host paths that exist, at the paths the configs name', function () {
    for (const [name, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        const [source] = volume.split(':')
        if (source.startsWith('./')) expect(existsSync(join(stack.dir, source)), `${name}: ${volume}`).to.equal(true)
      }
    }

    const mounted = (service: ComposeService, path: string): string => {
      const volume = service.volumes!.find((v) => path.startsWith(v.split(':')[0].slice(2) + '/'))!
      return volume.split(':')[1] + path.slice(volume.split(':')[0].length - 2)
    }

    expect(services.prometheus.command).to.include(`--config.file=${mounted(services.prometheus, PROMETHEUS_CONFIG_PATH)}`)
    expect(services.alertmanager.command).to.include(`--config.file=${mounted(services.alertmanager, ALERTMANAGER_CONFIG_PATH)}`)
    expect(mounted(services.grafana, GRAFANA_PATHS.dashboard)).to.equal(`${GRAFANA_DASHBOARDS_DIR}/mgit.json`)
  })

  it('prometheus.yml scrapes every --target under --job, loads rule files that exist, and alerts to the compose Alertmanager', function () {
    const config = stack.yaml<{global: Record<string, string>; rule_files: string[]; scrape_configs: Array<{job_name: string; honor_labels?: boolean; metric_relabel_configs?: unknown[]; static_configs: Array<{targets: string[]}>}>; alerting: {alertmanagers: Array<{static_configs: Array<{targets: string[]}>}>}}>(PROMETHEUS_CONFIG_PATH)
    const mgit = config.scrape_configs.find((job) => job.job_name === 'mgit-ci')!
    expect(mgit.static_configs[0].targets).to.deep.equal(['a.example.com:8080', 'b.example.com:8080'])
    // Pushed results keep their labels, with the push job renamed to --job so that the alerts see them.
    expect(config.scrape_configs.find((job) => job.job_name === 'mgit-pushgateway')).to.deep.include({
      honor_labels: true,
      metric_relabel_configs: [{regex: PUSH_JOB, replacement: 'mgit-ci', source_labels: ['job'], target_label: 'job'}],
    })
    expect(config.rule_files).to.deep.equal(['rules/mgit-recording-rules.yml', 'rules/mgit-alerts.yml'])
    for (const file of config.rule_files) expect(existsSync(join(stack.dir, 'prometheus', file)), file).to.equal(true)
    expect([RULE_PATHS.recording, RULE_PATHS.alerts]).to.deep.equal(config.rule_files.map((file) => `prometheus/${file}`))
    expect(config.alerting.alertmanagers[0].static_configs[0].targets).to.deep.equal(['alertmanager:9093'])
    expect(config.global).to.deep.equal({evaluation_interval: '15s', scrape_interval: '15s', scrape_timeout: '10s'})
  })

  it('keeps the scrape timeout within a short scrape interval', async function () {
    const short = await generateStack(join(temp(), 'short'), {scrapeInterval: '5s'})
    expect(short.yaml<{global: Record<string, string>}>(PROMETHEUS_CONFIG_PATH).global.scrape_timeout).to.equal('5s')
  })

  it('provisions the datasource with the uid the dashboard variable defaults to, and the dashboard folder compose mounts', function () {
    const datasource = stack.yaml<{datasources: Array<Record<string, unknown>>}>(GRAFANA_PATHS.datasource).datasources[0]
    expect(datasource).to.deep.include({name: 'Ops Prometheus', type: 'prometheus', uid: 'ops-prometheus', url: 'http://prometheus:9090'})
    const dashboard = JSON.parse(stack.text(GRAFANA_PATHS.dashboard)) as {templating: {list: Array<{name: string; current: {value: string}}>}}
    expect(dashboard.templating.list.find((v) => v.name === 'datasource')?.current.value).to.equal(datasource.uid)
    const provider = stack.yaml<{providers: Array<{options: {path: string}}>}>(GRAFANA_PATHS.dashboards).providers[0]
    expect(provider.options.path).to.equal(GRAFANA_DASHBOARDS_DIR)
  })
})
