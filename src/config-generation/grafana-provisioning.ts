import {type StackOptions, datasourceUid} from './options.js'

export const GRAFANA_PATHS = {
  dashboard: 'grafana/dashboards/mgit.json',
  dashboards: 'grafana/provisioning/dashboards/mgit.yml',
  datasource: 'grafana/provisioning/datasources/mgit-prometheus.yml',
} as const
/** Where docker-compose mounts grafana/dashboards in the Grafana container. */
export const GRAFANA_DASHBOARDS_DIR = '/etc/grafana/dashboards'

/** The Prometheus datasource, with the uid the dashboard's datasource variable defaults to. */
export function grafanaDatasource(options: StackOptions, prometheusUrl: string): Record<string, unknown> {
  return {
    apiVersion: 1,
    datasources: [{
      access: 'proxy',
      isDefault: true,
      // $__rate_interval is four times this: it must be the real scrape interval.
      jsonData: {httpMethod: 'POST', timeInterval: options.scrapeInterval},
      name: options.datasource,
      type: 'prometheus',
      uid: datasourceUid(options.datasource),
      url: prometheusUrl,
    }],
  }
}

export function grafanaDashboardProvider(): Record<string, unknown> {
  return {
    apiVersion: 1,
    providers: [{
      allowUiUpdates: false,
      disableDeletion: true,
      folder: 'mgit',
      name: 'mgit',
      options: {path: GRAFANA_DASHBOARDS_DIR},
      type: 'file',
    }],
  }
}
