/**
 * The settings of a generated monitoring stack, validated once so that every generator can trust
 * them. Each rule below keeps a value usable everywhere it lands: a PromQL label matcher, a YAML
 * scalar, a Kubernetes object name, a Grafana UID.
 */
export interface StackOptions {
  /** Kubernetes namespace of the manifests. */
  namespace: string
  /** Prometheus job name of the scrape config; also the Kubernetes Service's name (a ServiceMonitor's job label). */
  job: string
  /** Name of the Grafana datasource; the dashboard's datasource variable defaults to it. */
  datasource: string
  /** Scrape targets (`host:port`) of `mgit monitoring server`. */
  targets: string[]
  /** Availability objective of mgit commands, 0 < slo < 1, for the burn-rate alerts. */
  slo: number
  /** Prometheus scrape and rule evaluation interval, e.g. `15s`. */
  scrapeInterval: string
  /** Where runbook_url annotations point: a URL or a path, `#alert` is appended. */
  runbookUrl: string
  /** Container image with mgit and this plugin installed (Kubernetes manifests). */
  image: string
  /** Organisation or project the Kubernetes CronJob clones and pulls; the namespace by default. */
  project: string
  /** Cron schedule of the Kubernetes CronJob. */
  schedule: string
}

export const DEFAULT_OPTIONS: StackOptions = {
  datasource: 'Prometheus',
  image: 'mgit-monitoring:latest',
  job: 'mgit',
  /** Empty: the namespace's name. */
  project: '',
  namespace: 'mgit',
  runbookUrl: 'docs/runbook.md',
  // Daily: MgitScheduledRunMissing allows 26 hours between successes.
  schedule: '0 3 * * *',
  scrapeInterval: '15s',
  slo: 0.99,
  // Prometheus in docker-compose reaches the server on the host through host-gateway.
  targets: ['host.docker.internal:8080'],
}

/** A value the user gave that cannot make a working stack; its message is one line. */
export class OptionError extends Error {}

const DNS_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*$/
const IPV6 = /^\[[0-9A-Fa-f:.]+\]$/
const DATASOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}$/
const DURATION = /^[1-9][0-9]*(ms|s|m|h)$/

/** Checks every field and returns a copy with the targets de-duplicated. */
export function validateOptions(input: Partial<StackOptions>): StackOptions {
  const options: StackOptions = {...DEFAULT_OPTIONS, ...dropUndefined(input)}
  if (!DNS_LABEL.test(options.namespace)) {
    throw new OptionError(`invalid --namespace "${options.namespace}": use a Kubernetes name (lowercase letters, digits and dashes, at most 63, starting with a letter)`)
  }

  if (!DNS_LABEL.test(options.job)) {
    throw new OptionError(`invalid --job "${options.job}": use lowercase letters, digits and dashes (at most 63, starting with a letter); it also names the Kubernetes Service`)
  }

  if (!DATASOURCE_NAME.test(options.datasource)) {
    throw new OptionError(`invalid --datasource "${options.datasource}": use letters, digits, spaces, dots, dashes and underscores (at most 100)`)
  }

  if (options.targets.length === 0) throw new OptionError('at least one --target is needed')
  for (const target of options.targets) checkTarget(target)
  // Below 0.95 the fast burn threshold (14.4 × budget) nears 100% failures and could never fire.
  if (!(options.slo >= 0.95 && options.slo <= 0.9999)) throw new OptionError(`invalid --slo "${options.slo}": use a ratio from 0.95 to 0.9999, e.g. 0.99`)
  if (!DURATION.test(options.scrapeInterval)) throw new OptionError(`invalid --scrape-interval "${options.scrapeInterval}": use a duration such as 15s or 1m`)
  if (options.runbookUrl.trim() === '' || /[\s"'<>]/.test(options.runbookUrl)) throw new OptionError(`invalid --runbook-url "${options.runbookUrl}": use a URL or path without spaces or quotes`)
  if (!/^[a-z0-9][a-z0-9._/:@-]*$/i.test(options.image)) throw new OptionError(`invalid --image "${options.image}": use an image reference such as registry.example.com/mgit:1.2.3`)
  if (!/^(\S+\s+){4}\S+$/.test(options.schedule.trim())) throw new OptionError(`invalid --schedule "${options.schedule}": use a cron expression of five fields, e.g. "0 3 * * *"`)
  const project = options.project || options.namespace
  if (!/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$/.test(project)) throw new OptionError(`invalid --project "${project}": use letters, digits, spaces, dots, dashes and underscores`)
  return {...options, project, schedule: options.schedule.trim(), targets: [...new Set(options.targets)]}
}

/** `host:port`: a host name, an IPv4 address or a bracketed IPv6 address, and a port 1..65535. */
function checkTarget(target: string): void {
  const colon = target.lastIndexOf(':')
  const host = target.slice(0, colon)
  const port = target.slice(colon + 1)
  const portOk = /^[0-9]{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65_535
  if (colon <= 0 || !portOk || !(HOST_NAME.test(host) || IPV6.test(host))) {
    throw new OptionError(`invalid --target "${target}": use host:port, e.g. 127.0.0.1:8080 or mgit.example.com:9464`)
  }
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

/** A Grafana UID (at most 40 characters of [a-zA-Z0-9_-]) derived from the datasource name. */
export function datasourceUid(name: string): string {
  return name.toLowerCase().replaceAll(/[^a-z0-9_-]+/g, '-').replaceAll(/^-+|-+$/g, '').slice(0, 40) || 'prometheus'
}
