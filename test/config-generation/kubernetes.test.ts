import {expect} from 'chai'
import {existsSync} from 'node:fs'
import {join} from 'node:path'

import MonitoringServerCommand from '../../src/commands/monitoring/server.js'
import {KUBERNETES_DIR, PROBE_PATHS, SERVER_PORT} from '../../src/config-generation/kubernetes/manifests.js'
import {RULE_PATHS} from '../../src/config-generation/rule-files.js'
import {ROUTES} from '../../src/server/routes.js'
import {type GeneratedStack, generateStack} from '../helpers/generated-stack.js'
import {useTempDir} from '../helpers/use-temp-dir.js'

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = Record<string, any>

describe('Kubernetes manifests', function () {
  const temp = useTempDir('mgit-k8s-')
  let stack: GeneratedStack
  const k8s = (name: string): Obj => stack.yaml<Obj>(`${KUBERNETES_DIR}/${name}.yaml`)

  beforeEach(async function () {
    stack = await generateStack(temp(), {image: 'registry.example.com/mgit:1.4.0', job: 'mgit-sync', namespace: 'platform', project: 'acme', schedule: '30 2 * * *'})
  })

  it('puts every object in --namespace, and the kustomization lists every file', function () {
    const kustomization = k8s('kustomization')
    expect(kustomization.namespace).to.equal('platform')
    for (const resource of kustomization.resources as string[]) {
      expect(existsSync(join(stack.dir, KUBERNETES_DIR, resource)), resource).to.equal(true)
      const manifest = stack.yaml<Obj>(`${KUBERNETES_DIR}/${resource}`)
      if (manifest.kind === 'Namespace') expect(manifest.metadata.name).to.equal('platform')
      else expect(manifest.metadata.namespace, resource).to.equal('platform')
    }

    expect(stack.files.filter((file) => file.includes(`/${KUBERNETES_DIR}/`) && !file.endsWith('kustomization.yaml')).map((file) => file.split('/').pop())).to.have.members(kustomization.resources)
  })

  it('runs the server with liveness and readiness probes on its real, unauthenticated endpoints and default port', function () {
    const deployment = k8s('deployment')
    const [container] = deployment.spec.template.spec.containers
    expect(container.image).to.equal('registry.example.com/mgit:1.4.0')
    expect(container.args).to.deep.equal(['monitoring', 'server', '--host', '0.0.0.0', '--port', String(SERVER_PORT)])
    expect(SERVER_PORT).to.equal(MonitoringServerCommand.flags.port.default)
    expect(container.livenessProbe.httpGet.path).to.equal(PROBE_PATHS.liveness)
    expect(container.readinessProbe.httpGet.path).to.equal(PROBE_PATHS.readiness)
    for (const probe of [container.livenessProbe, container.readinessProbe]) {
      const route = ROUTES.find((r) => r.path === probe.httpGet.path)
      expect(route, probe.httpGet.path).to.not.equal(undefined)
      // Probes carry no token: the endpoints must answer without one.
      expect(route!.public).to.equal(true)
      const port = container.ports.find((p: Obj) => p.name === probe.httpGet.port)
      expect(port.containerPort).to.equal(SERVER_PORT)
    }

    expect(deployment.spec.template.metadata.labels).to.deep.include(deployment.spec.selector.matchLabels)
  })

  it('exposes the server through a Service the ServiceMonitor selects, named after the job', function () {
    const deployment = k8s('deployment')
    const service = k8s('service')
    const monitor = k8s('servicemonitor')
    expect(service.metadata.name).to.equal('mgit-sync')
    const podLabels = deployment.spec.template.metadata.labels
    for (const [key, value] of Object.entries(service.spec.selector)) expect(podLabels[key]).to.equal(value)
    const [port] = service.spec.ports
    expect(port.targetPort).to.equal(deployment.spec.template.spec.containers[0].ports[0].name)
    expect(port.port).to.equal(SERVER_PORT)
    for (const [key, value] of Object.entries(monitor.spec.selector.matchLabels)) expect(service.metadata.labels[key]).to.equal(value)
    expect(monitor.spec.endpoints).to.deep.equal([{interval: '15s', path: '/metrics', port: port.name, scheme: 'http'}])
    expect(monitor.spec.namespaceSelector.matchNames).to.deep.equal(['platform'])
  })

  it('runs mgit on schedule in a CronJob next to the server, sharing the journal volume', function () {
    const cron = k8s('cronjob')
    const deployment = k8s('deployment')
    expect(cron.spec.schedule).to.equal('30 2 * * *')
    const pod = cron.spec.jobTemplate.spec.template.spec
    expect(pod.containers[0].args).to.deep.equal(['clone-all', 'acme', '/data/repos', '--update-mode', 'pull'])
    const affinity = pod.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]
    for (const [key, value] of Object.entries(affinity.labelSelector.matchLabels)) expect(deployment.spec.template.metadata.labels[key]).to.equal(value)
    const claim = (spec: Obj): string => spec.volumes.find((v: Obj) => v.persistentVolumeClaim).persistentVolumeClaim.claimName
    expect(claim(pod)).to.equal(claim(deployment.spec.template.spec)).and.to.equal(k8s('persistentvolumeclaim').metadata.name)
    const env = (container: Obj): Obj => Object.fromEntries(container.env.map((e: Obj) => [e.name, e.value]))
    expect(env(pod.containers[0]).MGIT_DATA_DIR).to.equal(env(deployment.spec.template.spec.containers[0]).MGIT_DATA_DIR)
  })

  it('embeds exactly the generated rule files\' groups in the PrometheusRule', function () {
    const rule = k8s('prometheusrule')
    const recording = stack.yaml<Obj>(RULE_PATHS.recording)
    const alerts = stack.yaml<Obj>(RULE_PATHS.alerts)
    expect(rule.spec.groups).to.deep.equal([...recording.groups, ...alerts.groups])
  })
})
