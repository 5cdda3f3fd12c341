import {Command, Flags} from '@oclif/core'
import {resolve} from 'node:path'

import {DEFAULT_OPTIONS, OptionError, validateOptions} from '../../config-generation/options.js'
import {buildStack} from '../../config-generation/stack.js'
import {StackWriteError, writeStack} from '../../config-generation/write-stack.js'

export interface GenerateConfigJson {
  output: string
  files: string[]
}

export default class MonitoringGenerateConfig extends Command {
  static override description = `Generate a monitoring stack for mgit: Prometheus, alerts, Alertmanager, Grafana, docker-compose and Kubernetes.

Writes into --output: prometheus/prometheus.yml with recording and alert rules and promtool unit tests for every alert, alertmanager/alertmanager.yml, a Grafana dashboard with provisioning for it and its datasource, docker-compose.yml, Kubernetes manifests (Deployment, CronJob, Service, ServiceMonitor, PrometheusRule), a runbook and a README.

Existing files are never overwritten without --force.`

  static override enableJsonFlag = true

  static override examples = [
    {command: '<%= config.bin %> <%= command.id %> --output ./monitoring', description: 'A stack that scrapes the mgit server on this host (see the README it writes).'},
    {
      command: '<%= config.bin %> <%= command.id %> --output ./monitoring --target build-1.example.com:8080 --target build-2.example.com:8080',
      description: 'Scrape the monitoring servers of two machines.',
    },
    {command: '<%= config.bin %> <%= command.id %> --output ./k8s-monitoring --namespace platform --job mgit-sync --force', description: 'Regenerate for Kubernetes namespace "platform", overwriting the previous files.'},
  ]

  static override flags = {
    datasource: Flags.string({default: DEFAULT_OPTIONS.datasource, description: 'Name of the Grafana Prometheus datasource; the dashboard\'s datasource variable defaults to it.'}),
    force: Flags.boolean({default: false, description: 'Overwrite files that already exist in the output folder.'}),
    image: Flags.string({default: DEFAULT_OPTIONS.image, description: 'Container image with mgit and this plugin installed, for the Kubernetes manifests.'}),
    job: Flags.string({default: DEFAULT_OPTIONS.job, description: 'Prometheus job name of the mgit servers (also the Kubernetes Service name).'}),
    namespace: Flags.string({default: DEFAULT_OPTIONS.namespace, description: 'Kubernetes namespace of the manifests.'}),
    output: Flags.string({char: 'o', description: 'Folder to write the stack into (created if missing).', required: true}),
    project: Flags.string({description: 'Organisation or project the Kubernetes CronJob clones and pulls [default: the namespace].'}),
    'runbook-url': Flags.string({default: DEFAULT_OPTIONS.runbookUrl, description: 'Base of the alerts\' runbook_url annotations (a URL where docs/runbook.md is published, or a path).'}),
    schedule: Flags.string({default: DEFAULT_OPTIONS.schedule, description: 'Cron schedule of the Kubernetes CronJob.'}),
    'scrape-interval': Flags.string({default: DEFAULT_OPTIONS.scrapeInterval, description: 'Prometheus scrape and rule evaluation interval.'}),
    slo: Flags.string({default: String(DEFAULT_OPTIONS.slo), description: 'Share of mgit commands that must succeed (0.95 to 0.9999), for the error-budget burn-rate alerts.'}),
    target: Flags.string({
      default: DEFAULT_OPTIONS.targets,
      description: 'host:port of an `mgit monitoring server` to scrape; repeat for several.',
      multiple: true,
    }),
  }

  public async run(): Promise<GenerateConfigJson> {
    const {flags} = await this.parse(MonitoringGenerateConfig)
    const output = resolve(flags.output)
    let files: string[]
    try {
      const options = validateOptions({
        datasource: flags.datasource,
        image: flags.image,
        job: flags.job,
        namespace: flags.namespace,
        project: flags.project,
        runbookUrl: flags['runbook-url'],
        schedule: flags.schedule,
        scrapeInterval: flags['scrape-interval'],
        slo: Number(flags.slo),
        targets: flags.target,
      })
      files = await writeStack(output, buildStack(options), flags.force)
    } catch (error) {
      if (error instanceof OptionError) this.error(error.message, {exit: 2})
      if (error instanceof StackWriteError) this.error(error.message, {exit: 1})
      throw error
    }

    if (!this.jsonEnabled()) {
      for (const file of files) this.log(file)
      this.logToStderr(`wrote ${files.length} files to ${output}; see ${resolve(output, 'README.md')}`)
    }

    return {files, output}
  }
}
