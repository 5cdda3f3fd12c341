import {posix} from 'node:path'

import {PUSH_JOB} from '../push/pushgateway-client.js'
import type {StackOptions} from './options.js'
import {RULE_PATHS} from './rule-files.js'

export const PROMETHEUS_CONFIG_PATH = 'prometheus/prometheus.yml'
/** Service names and ports inside docker-compose's network. */
export const COMPOSE_ADDRESSES = {alertmanager: 'alertmanager:9093', pushgateway: 'pushgateway:9091'} as const
export const PUSHGATEWAY_JOB = 'mgit-pushgateway'

/** A scrape timeout must not exceed the interval; Prometheus's default is 10 s. */
function scrapeTimeout(interval: string): string {
  return toSeconds(interval) < 10 ? interval : '10s'
}

export function toSeconds(duration: string): number {
  const match = /^(\d+)(ms|s|m|h)$/.exec(duration)
  if (!match) throw new Error(`not a duration: ${duration}`)
  const factor = {h: 3600, m: 60, ms: 0.001, s: 1}[match[2] as 'h' | 'm' | 'ms' | 's']
  return Number(match[1]) * factor
}

/**
 * prometheus.yml for the compose stack (or any Prometheus): the mgit servers as one job, the
 * Pushgateway that ephemeral runners push to (honor_labels keeps their job and instance), the rule
 * files by paths relative to this file (Prometheus resolves them so), and Alertmanager.
 */
export function prometheusConfig(options: StackOptions): Record<string, unknown> {
  const configDir = posix.dirname(PROMETHEUS_CONFIG_PATH)
  return {
    alerting: {alertmanagers: [{static_configs: [{targets: [COMPOSE_ADDRESSES.alertmanager]}]}]},
    global: {
      evaluation_interval: options.scrapeInterval,
      scrape_interval: options.scrapeInterval,
      scrape_timeout: scrapeTimeout(options.scrapeInterval),
    },
    rule_files: [RULE_PATHS.recording, RULE_PATHS.alerts].map((path) => posix.relative(configDir, path)),
    scrape_configs: [
      {job_name: options.job, metrics_path: '/metrics', scheme: 'http', static_configs: [{targets: options.targets}]},
      {
        honor_labels: true,
        job_name: PUSHGATEWAY_JOB,
        // Runners push under job "mgit"; the alerts select --job.
        ...(options.job === PUSH_JOB ? {} : {metric_relabel_configs: [{regex: PUSH_JOB, replacement: options.job, source_labels: ['job'], target_label: 'job'}]}),
        static_configs: [{targets: [COMPOSE_ADDRESSES.pushgateway]}],
      },
    ],
  }
}
