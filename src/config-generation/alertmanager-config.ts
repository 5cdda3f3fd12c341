export const ALERTMANAGER_CONFIG_PATH = 'alertmanager/alertmanager.yml'

/**
 * alertmanager.yml: critical alerts on their own route (repeated hourly), the rest grouped per
 * alert and job. The receivers have no integration yet: alerts show in Alertmanager's UI and API,
 * and the stack's README shows how to add Slack, e-mail or a webhook. Inhibitions keep one cause
 * from paging twice.
 */
export function alertmanagerConfig(): Record<string, unknown> {
  return {
    inhibit_rules: [
      // A server that cannot be scraped makes its health alerts meaningless.
      {equal: ['job', 'instance'], source_matchers: ['alertname="MgitExporterDown"'], target_matchers: ['alertname=~"MgitUnhealthy|MgitHealthDegraded"']},
      {equal: ['job', 'instance'], source_matchers: ['alertname="MgitUnhealthy"'], target_matchers: ['alertname="MgitHealthDegraded"']},
      {equal: ['job'], source_matchers: ['alertname="MgitErrorBudgetBurnFast"'], target_matchers: ['alertname=~"MgitErrorBudgetBurnSlow|MgitHighFailureRate"']},
    ],
    receivers: [{name: 'mgit-default'}, {name: 'mgit-critical'}],
    route: {
      group_by: ['alertname', 'job'],
      group_interval: '5m',
      group_wait: '30s',
      receiver: 'mgit-default',
      repeat_interval: '4h',
      routes: [{matchers: ['severity="critical"'], receiver: 'mgit-critical', repeat_interval: '1h'}],
    },
  }
}
