import {Command, Flags} from '@oclif/core'

import {PROVIDER_TYPES} from '../../journal/event-types.js'
import {PerformanceQueryError, analysePerformance} from '../../performance/analysis.js'
import {storeOptions} from '../../performance/performance-options.js'
import {renderReport, useColour} from '../../performance/render.js'
import {describeError} from '../../util/user-error.js'

export default class MonitoringPerformance extends Command {
  static override description = `Analyse mgit's performance from the monitoring journal.

For every operation (commands, git operations, provider API calls, traced spans) and provider: runs, success rate, min, mean, median, p95, p99 and max over the window, and the change of each against the previous window of the same length.

Anomalies are judged against a baseline of the days before the window: an operation is flagged as slower when its p95 is at least 1.5 times the baseline's and significantly more of its runs are slower than the baseline's p95 (at least 20 runs in the window and 50 in the baseline).

Journal segments are rolled up per operation and hour first (under <data dir>/monitoring/rollups), so later runs and long windows stay fast.`

  static override enableJsonFlag = true

  static override examples = [
    {command: '<%= config.bin %> <%= command.id %>', description: 'The last 24 hours against the 7 days before.'},
    {command: '<%= config.bin %> <%= command.id %> --hours 168 --baseline-days 28', description: 'The last week against the four weeks before.'},
    {command: '<%= config.bin %> <%= command.id %> --operation git:clone --provider github', description: 'One operation on one provider.'},
    {command: '<%= config.bin %> <%= command.id %> --json', description: 'Full figures (trends, baselines, hourly series, anomaly tests) as JSON.'},
  ]

  static override flags = {
    'baseline-days': Flags.integer({
      default: 7,
      description: 'Days before the window that make up the baseline anomalies are judged against.',
    }),
    hours: Flags.integer({
      default: 24,
      description: 'Length of the window in hours (whole UTC hours before the current one, plus the current hour so far).',
    }),
    operation: Flags.string({
      description: 'Only this operation: an id as listed (git:clone, command:clone-all, span:bulk_clone) or its name alone.',
    }),
    provider: Flags.string({
      description: 'Only operations on this provider type.',
      options: [...PROVIDER_TYPES],
    }),
  }

  public async run(): Promise<unknown> {
    const {flags} = await this.parse(MonitoringPerformance)
    let report
    try {
      report = await analysePerformance(storeOptions(this.config.dataDir), {
        baselineDays: flags['baseline-days'],
        hours: flags.hours,
        operation: flags.operation,
        provider: flags.provider,
      })
    } catch (error) {
      if (error instanceof PerformanceQueryError) this.error(error.message, {exit: 2})
      this.error(`cannot analyse the journal: ${describeError(error)}`, {exit: 1})
    }

    if (this.jsonEnabled()) return report
    for (const warning of report.compaction.warnings) this.warn(warning)
    process.stdout.write(renderReport({...report, compaction: {...report.compaction, warnings: []}}, useColour(process.stdout)))
    return undefined
  }
}
