import {Command, Flags} from '@oclif/core'

import {journalOptions} from '../../journal/journal-options.js'
import {type MetricFormat, METRIC_FORMATS, expose} from '../../metrics/exposition.js'
import {registryFromJournal} from '../../metrics/journal-metrics.js'
import {writeFileAtomic} from '../../util/atomic-write.js'
import {describeError} from '../../util/user-error.js'

export default class MonitoringMetrics extends Command {
  static override description = `Export mgit's metrics, built from the monitoring journal.

Reads every event recorded by the plugin's hooks and renders the metrics with prom-client.
With --output, the file is replaced atomically, so it can feed node_exporter's textfile collector.`

  static override enableJsonFlag = true

  static override examples = [
    {command: '<%= config.bin %> <%= command.id %>', description: 'Print metrics in the Prometheus text format.'},
    {command: '<%= config.bin %> <%= command.id %> --format openmetrics', description: 'Print metrics in the OpenMetrics format.'},
    {
      command: '<%= config.bin %> <%= command.id %> --output /var/lib/node_exporter/textfile/mgit.prom',
      description: "Refresh node_exporter's textfile collector (run from cron after mgit jobs).",
    },
    {command: '<%= config.bin %> <%= command.id %> --json', description: "prom-client's JSON form, for scripts."},
  ]

  static override flags = {
    format: Flags.string({
      char: 'f',
      default: 'prometheus',
      description: 'Exposition format.',
      options: [...METRIC_FORMATS],
    }),
    output: Flags.string({
      char: 'o',
      description: 'Write to this file (atomically: temporary file + rename) instead of standard output.',
    }),
  }

  public async run(): Promise<unknown> {
    const {flags} = await this.parse(MonitoringMetrics)
    const format: MetricFormat = this.jsonEnabled() ? 'json' : (flags.format as MetricFormat)
    const {dir} = journalOptions(this.config.dataDir)
    const {registry, stats} = await registryFromJournal(dir)
    if (stats.corrupt > 0) this.warn(`skipped ${stats.corrupt} corrupt journal line(s) in ${dir}`)
    if (this.jsonEnabled()) return registry.getMetricsAsJSON()

    const {body} = await expose(registry, format)
    if (flags.output === undefined) {
      process.stdout.write(body)
      return undefined
    }

    try {
      await writeFileAtomic(flags.output, body)
    } catch (error) {
      this.error(`cannot write metrics to ${flags.output}: ${describeError(error)}`, {exit: 1})
    }

    this.logToStderr(`wrote ${format} metrics to ${flags.output}`)
    return undefined
  }
}
