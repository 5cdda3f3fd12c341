import {ALERTMANAGER_CONFIG_PATH} from './alertmanager-config.js'
import {GRAFANA_DASHBOARDS_DIR} from './grafana-provisioning.js'
import {PROMETHEUS_CONFIG_PATH} from './prometheus-config.js'

export const COMPOSE_PATH = 'docker-compose.yml'

/** Pinned images: a stack that works today keeps working. */
export const IMAGES = {
  alertmanager: 'prom/alertmanager:v0.27.0',
  grafana: 'grafana/grafana:11.3.0',
  prometheus: 'prom/prometheus:v2.53.4',
  pushgateway: 'prom/pushgateway:v1.9.0',
} as const

/** Host ports, published on loopback only. */
export const HOST_PORTS = {alertmanager: 9093, grafana: 3000, prometheus: 9090, pushgateway: 9091} as const

function loopback(port: number): string {
  return `127.0.0.1:${port}:${port}`
}

/**
 * docker-compose.yml: Prometheus, Alertmanager, Pushgateway and Grafana. Every port is published on
 * 127.0.0.1 only; Grafana's admin password must come from the environment (compose refuses to start
 * without it); the host's mgit server is reached as host.docker.internal through `host-gateway`.
 * Volume paths are relative to this file and match the generated files.
 */
export function dockerCompose(): Record<string, unknown> {
  const prometheusDir = PROMETHEUS_CONFIG_PATH.split('/')[0]
  const alertmanagerDir = ALERTMANAGER_CONFIG_PATH.split('/')[0]
  return {
    services: {
      alertmanager: {
        command: [`--config.file=/etc/alertmanager/${ALERTMANAGER_CONFIG_PATH.split('/').slice(1).join('/')}`, '--storage.path=/alertmanager'],
        image: IMAGES.alertmanager,
        ports: [loopback(HOST_PORTS.alertmanager)],
        restart: 'unless-stopped',
        volumes: [`./${alertmanagerDir}:/etc/alertmanager:ro`, 'alertmanager-data:/alertmanager'],
      },
      grafana: {
        depends_on: ['prometheus'],
        environment: {
          GF_AUTH_ANONYMOUS_ENABLED: 'false',
          GF_SECURITY_ADMIN_PASSWORD: '${GRAFANA_ADMIN_PASSWORD:?set GRAFANA_ADMIN_PASSWORD to the Grafana admin password}',
          GF_SECURITY_ADMIN_USER: 'admin',
          GF_USERS_ALLOW_SIGN_UP: 'false',
        },
        image: IMAGES.grafana,
        ports: [loopback(HOST_PORTS.grafana)],
        restart: 'unless-stopped',
        volumes: ['./grafana/provisioning:/etc/grafana/provisioning:ro', `./grafana/dashboards:${GRAFANA_DASHBOARDS_DIR}:ro`, 'grafana-data:/var/lib/grafana'],
      },
      prometheus: {
        command: [`--config.file=/etc/prometheus/${PROMETHEUS_CONFIG_PATH.split('/').slice(1).join('/')}`, '--storage.tsdb.path=/prometheus', '--storage.tsdb.retention.time=30d'],
        depends_on: ['alertmanager', 'pushgateway'],
        // host.docker.internal is the host, for scraping `mgit monitoring server` running there.
        extra_hosts: ['host.docker.internal:host-gateway'],
        image: IMAGES.prometheus,
        ports: [loopback(HOST_PORTS.prometheus)],
        restart: 'unless-stopped',
        volumes: [`./${prometheusDir}:/etc/prometheus:ro`, 'prometheus-data:/prometheus'],
      },
      pushgateway: {
        image: IMAGES.pushgateway,
        ports: [loopback(HOST_PORTS.pushgateway)],
        restart: 'unless-stopped',
      },
    },
    version: '3.8',
    volumes: {'alertmanager-data': {}, 'grafana-data': {}, 'prometheus-data': {}},
  }
}
