import {type AlertName, type AlertRule, runbookAnchor} from './alert-rules.js'

export const RUNBOOK_PATH = 'docs/runbook.md'

interface Steps {
  /** What the alert means for the people who depend on mgit. */
  impact: string
  diagnose: string[]
  fix: string[]
}

/** Record<AlertName, …>: an alert without a runbook entry does not compile. */
const STEPS: Record<AlertName, Steps> = {
  MgitAPIErrors: {
    diagnose: ['Check the provider\'s status page (githubstatus.com, status.dev.azure.com, bitbucket.status.atlassian.com).', 'Dashboard row *Providers*: "API responses by status class" shows whether it is 5xx answers or no answer at all (`error`: DNS, TLS, timeout).', '`mgit monitoring health --detailed` on the machine: the network and providers checks show reachability.'],
    fix: ['Provider outage: wait, and re-run failed bulk commands afterwards (`pull-all` is idempotent).', 'No answer at all: fix DNS, proxy (`HTTPS_PROXY`) or firewall rules on the runner.'],
    impact: 'Bulk commands fail or skip repositories; listings are incomplete.',
  },
  MgitErrorBudgetBurnFast: {
    diagnose: ['Dashboard row *Operations*: "Failures by error category" names the failing commands and why.', 'Correlate with MgitAPIErrors, MgitRateLimitHit and MgitUnhealthy, which often explain it.'],
    fix: ['Fix the dominant error category first (auth: rotate the token in config.yaml; network: see MgitAPIErrors; rate_limit: see MgitRateLimitHit).', 'Pause non-essential scheduled runs while the cause is fixed, so that they stop spending the budget.'],
    impact: 'At this rate the month\'s error budget is gone in about two days: page-worthy.',
  },
  MgitErrorBudgetBurnSlow: {
    diagnose: ['Same as MgitErrorBudgetBurnFast, over the last 6 hours: look for a steady trickle of one error category.'],
    fix: ['Open a ticket and fix within working hours; the budget lasts about five days at this rate.'],
    impact: 'A steady failure rate that will exhaust the month\'s error budget within days.',
  },
  MgitExporterAbsent: {
    diagnose: ['Prometheus UI → Status → Targets: is there a target for the job at all?', 'Kubernetes: `kubectl get servicemonitor,service -n NAMESPACE`; the ServiceMonitor must match the Prometheus Operator\'s `serviceMonitorSelector`.', 'docker-compose: the job\'s targets in prometheus/prometheus.yml.'],
    fix: ['Restore the scrape configuration or the ServiceMonitor; regenerate it with `mgit monitoring generate-config --force` if it was edited by hand.'],
    impact: 'Every other mgit alert is blind: nothing is being collected.',
  },
  MgitExporterDown: {
    diagnose: ['Prometheus UI → Status → Targets shows the scrape error (connection refused, timeout, 401).', 'On the machine: `curl -s http://HOST:PORT/health/live`.', 'Kubernetes: `kubectl -n NAMESPACE get pods`, `kubectl logs deploy/JOB`.'],
    fix: ['Start the server again (`mgit monitoring server`, or let the Deployment restart it).', 'connection refused from docker-compose: the server must listen on an address the containers reach (`--host 172.17.0.1`, see the stack README).', '401: the server requires a token; add `authorization: {credentials_file: …}` to the scrape job.'],
    impact: 'No metrics or health data from that server; alerts about it cannot fire.',
  },
  MgitHealthDegraded: {
    diagnose: ['`mgit monitoring health --detailed` on the machine, or GET /health/detailed on the server: every check with its observed value and recommendation.'],
    fix: ['Follow the recommendation of each check that warns or fails (disk space, memory, provider reachability, token validity).'],
    impact: 'mgit still works but something is close to breaking it.',
  },
  MgitHighFailureRate: {
    diagnose: ['Dashboard row *Operations*: "Failures by error category" for that command.', 'The command\'s own output in the job logs (CI, cron mail, `kubectl logs job/…`).'],
    fix: ['usage: a scheduled command line is wrong; auth: rotate the token; network/timeout: see MgitAPIErrors; git: a repository is corrupt or needs a manual merge.'],
    impact: 'More than one in ten runs of the command fail: repositories go stale.',
  },
  MgitRateLimitHit: {
    diagnose: ['Dashboard row *Providers*: "Rate-limit hits" and "API requests" by provider.', 'Several jobs sharing one token multiply the request rate.'],
    fix: ['Lower `--concurrency` of bulk commands, spread schedules apart, or give each job its own token (GitHub: a GitHub App has higher limits).'],
    impact: 'Requests are refused until the limit resets; bulk commands slow down or fail.',
  },
  MgitScheduledRunMissing: {
    diagnose: ['Is the scheduler running? `kubectl -n NAMESPACE get cronjob,jobs`, `crontab -l`, the CI schedule.', 'Did runs happen but fail? Dashboard "Failures by error category" and MgitHighFailureRate.'],
    fix: ['Resume the schedule (a suspended CronJob: `kubectl patch cronjob … -p \'{"spec":{"suspend":false}}\'`), then run the command once by hand to confirm.'],
    impact: 'Local clones are more than a day behind their providers.',
  },
  MgitSlowOperations: {
    diagnose: ['Dashboard row *Performance*: "Command duration p95 by operation", "git clone duration p95" and "API latency p95" show whether git or the API is slow.', 'Repositories processed: did the organisation grow?'],
    fix: ['Raise `--concurrency` if the machine has spare CPU and bandwidth; move clones to faster disk; split very large organisations into several jobs.'],
    impact: 'Scheduled runs overlap or miss their window.',
  },
  MgitUnhealthy: {
    diagnose: ['GET /health/detailed on the server, or `mgit monitoring health --detailed` on the machine: the failing check shows its observed value and a recommendation.'],
    fix: ['git: install git or fix PATH; disk: free space under the clone directory; auth: replace the expired or revoked token in config.yaml; journal: make the data directory writable.'],
    impact: 'mgit cannot do its job on this machine until the check passes.',
  },
}

/** `{{ $labels.check }}` → `` `check` ``: what the alert will name, readable as Markdown. */
function placeholders(template: string): string {
  return template.replaceAll(/\{\{\s*\$labels\.(\w+)\s*\}\}/g, '`$1`')
}

/** The runbook: one section per alert, whose heading's anchor is the alert's runbook_url fragment. */
export function runbook(alerts: AlertRule[]): string {
  const sections = alerts.map((rule) => {
    const steps = STEPS[rule.alert]
    return [
      `<a id="${runbookAnchor(rule.alert)}"></a>`,
      `## ${rule.alert}`,
      '',
      `**Severity:** ${rule.labels.severity}. **Fires after:** ${rule.for}. ${placeholders(rule.annotations.summary)}.`,
      '',
      placeholders(rule.annotations.description),
      '',
      `**Impact:** ${steps.impact}`,
      '',
      '```promql',
      rule.expr,
      '```',
      '',
      '**Diagnose**',
      '',
      ...steps.diagnose.map((step) => `- ${step}`),
      '',
      '**Fix**',
      '',
      ...steps.fix.map((step) => `- ${step}`),
      '',
    ].join('\n')
  })
  return [
    '# mgit alert runbook',
    '',
    'One section per alert of `prometheus/rules/mgit-alerts.yml`; each alert\'s `runbook_url` annotation points at its section.',
    '',
    ...alerts.map((rule) => `- [${rule.alert}](#${runbookAnchor(rule.alert)}) (${rule.labels.severity})`),
    '',
    ...sections,
  ].join('\n')
}
