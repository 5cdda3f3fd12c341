import {posix} from 'node:path'

import type {StackOptions} from '../options.js'
import type {RuleFiles} from '../rule-files.js'

/** The server's port in the pod; the same default as `mgit monitoring server --port`. */
export const SERVER_PORT = 8080
export const PROBE_PATHS = {liveness: '/health/live', readiness: '/health/ready'} as const
const PORT_NAME = 'metrics'
const DATA_DIR = '/data'
const JOURNAL_CLAIM = 'mgit-data'
const CONFIG_SECRET = 'mgit-config'

type Manifest = Record<string, unknown>

export interface KubernetesFile {
  path: string
  manifest: Manifest
}

const SERVER = 'monitoring-server'

function metadata(name: string, options: StackOptions, component: string): Record<string, unknown> {
  return {labels: labels(options, component), name, namespace: options.namespace}
}

function labels(options: StackOptions, component: string): Record<string, string> {
  return {'app.kubernetes.io/component': component, 'app.kubernetes.io/name': options.job, 'app.kubernetes.io/part-of': 'mgit'}
}

/** The server pod's labels: the Service selects them, the CronJob's pods are scheduled next to them. */
function serverLabels(options: StackOptions): Record<string, string> {
  return {'app.kubernetes.io/component': SERVER, 'app.kubernetes.io/name': options.job}
}

/** mgit reads config.yaml (providers, tokens) from MGIT_CONFIG_DIR and keeps its journal under MGIT_DATA_DIR. */
function mgitEnv(): Array<Record<string, string>> {
  return [{name: 'MGIT_DATA_DIR', value: `${DATA_DIR}/mgit`}, {name: 'MGIT_CONFIG_DIR', value: '/config'}, {name: 'HOME', value: '/tmp'}]
}

const securityContext = {allowPrivilegeEscalation: false, capabilities: {drop: ['ALL']}, readOnlyRootFilesystem: true}
const podSecurityContext = {fsGroup: 1000, runAsGroup: 1000, runAsNonRoot: true, runAsUser: 1000, seccompProfile: {type: 'RuntimeDefault'}}

function volumes(secretOptional: boolean): Array<Record<string, unknown>> {
  return [
    {name: 'data', persistentVolumeClaim: {claimName: JOURNAL_CLAIM}},
    {name: 'config', secret: {optional: secretOptional, secretName: CONFIG_SECRET}},
    {emptyDir: {}, name: 'tmp'},
  ]
}

const volumeMounts = [{mountPath: DATA_DIR, name: 'data'}, {mountPath: '/config', name: 'config', readOnly: true}, {mountPath: '/tmp', name: 'tmp'}]

/**
 * Why a Deployment and a CronJob sharing a volume: mgit runs are short-lived, so a server inside
 * the job's pod would vanish with it and Prometheus would lose the series (last-success time
 * included) between runs. The long-lived server tails the journal the CronJob's runs append to on
 * the same volume; the CronJob's pods are scheduled on the server's node, so a ReadWriteOnce
 * volume works with any storage class.
 */
function deployment(options: StackOptions): Manifest {
  const probe = (path: string, period: number, timeout: number): Record<string, unknown> => ({
    failureThreshold: 3,
    httpGet: {path, port: PORT_NAME},
    periodSeconds: period,
    timeoutSeconds: timeout,
  })
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata(options.job, options, SERVER),
    spec: {
      replicas: 1,
      selector: {matchLabels: serverLabels(options)},
      // One pod at a time: the journal's volume is ReadWriteOnce.
      strategy: {type: 'Recreate'},
      template: {
        metadata: {labels: labels(options, SERVER)},
        spec: {
          containers: [{
            args: ['monitoring', 'server', '--host', '0.0.0.0', '--port', String(SERVER_PORT)],
            command: ['mgit'],
            env: mgitEnv(),
            image: options.image,
            // Liveness: the process answers (never a dependency). Readiness: what mgit needs locally;
            // the checks run concurrently under a 5 s timeout each, hence the 10 s probe timeout.
            livenessProbe: probe(PROBE_PATHS.liveness, 10, 2),
            name: 'monitoring-server',
            ports: [{containerPort: SERVER_PORT, name: PORT_NAME, protocol: 'TCP'}],
            readinessProbe: probe(PROBE_PATHS.readiness, 15, 10),
            resources: {limits: {memory: '256Mi'}, requests: {cpu: '50m', memory: '128Mi'}},
            securityContext,
            volumeMounts,
          }],
          securityContext: podSecurityContext,
          volumes: volumes(true),
        },
      },
    },
  }
}

function cronJob(options: StackOptions): Manifest {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: metadata(`${options.job}-sync`, options, 'sync'),
    spec: {
      concurrencyPolicy: 'Forbid',
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        spec: {
          backoffLimit: 1,
          template: {
            metadata: {labels: labels(options, 'sync')},
            spec: {
              // Next to the server: the ReadWriteOnce journal volume can only be mounted on its node.
              affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: serverLabels(options)}, topologyKey: 'kubernetes.io/hostname'}]}},
              containers: [{
                args: ['clone-all', options.project, `${DATA_DIR}/repos`, '--update-mode', 'pull'],
                command: ['mgit'],
                env: mgitEnv(),
                image: options.image,
                name: 'mgit',
                resources: {requests: {cpu: '100m', memory: '256Mi'}},
                securityContext,
                volumeMounts,
              }],
              restartPolicy: 'Never',
              securityContext: podSecurityContext,
              volumes: volumes(false),
            },
          },
        },
      },
      schedule: options.schedule,
      successfulJobsHistoryLimit: 3,
    },
  }
}

function service(options: StackOptions): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    // Named after the job: a ServiceMonitor's targets get the Service's name as their job label.
    metadata: metadata(options.job, options, SERVER),
    spec: {
      ports: [{name: PORT_NAME, port: SERVER_PORT, protocol: 'TCP', targetPort: PORT_NAME}],
      selector: serverLabels(options),
      type: 'ClusterIP',
    },
  }
}

function serviceMonitor(options: StackOptions): Manifest {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: metadata(options.job, options, SERVER),
    spec: {
      endpoints: [{interval: options.scrapeInterval, path: '/metrics', port: PORT_NAME, scheme: 'http'}],
      namespaceSelector: {matchNames: [options.namespace]},
      // The Service's own labels (the Deployment has the same ones, but a ServiceMonitor only selects Services).
      selector: {matchLabels: serverLabels(options)},
    },
  }
}

function prometheusRule(options: StackOptions, rules: RuleFiles): Manifest {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: metadata(options.job, options, 'alerting'),
    spec: {groups: [...rules.recording.groups, ...rules.alerts.groups]},
  }
}

function persistentVolumeClaim(options: StackOptions): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: metadata(JOURNAL_CLAIM, options, 'journal'),
    spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '10Gi'}}},
  }
}

function namespace(options: StackOptions): Manifest {
  return {apiVersion: 'v1', kind: 'Namespace', metadata: {labels: {'app.kubernetes.io/part-of': 'mgit'}, name: options.namespace}}
}

export const KUBERNETES_DIR = 'k8s'

/** One file per object, and a kustomization listing them (`kubectl apply -k k8s/`). */
export function kubernetesManifests(options: StackOptions, rules: RuleFiles): KubernetesFile[] {
  const files: KubernetesFile[] = [
    {manifest: namespace(options), path: 'namespace.yaml'},
    {manifest: persistentVolumeClaim(options), path: 'persistentvolumeclaim.yaml'},
    {manifest: deployment(options), path: 'deployment.yaml'},
    {manifest: service(options), path: 'service.yaml'},
    {manifest: serviceMonitor(options), path: 'servicemonitor.yaml'},
    {manifest: prometheusRule(options, rules), path: 'prometheusrule.yaml'},
    {manifest: cronJob(options), path: 'cronjob.yaml'},
  ]
  const kustomization = {apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', namespace: options.namespace, resources: files.map((file) => file.path)}
  return [...files, {manifest: kustomization, path: 'kustomization.yaml'}].map((file) => ({...file, path: posix.join(KUBERNETES_DIR, file.path)}))
}
