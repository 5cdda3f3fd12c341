import {hostname} from 'node:os'
import {Gauge, Pushgateway, Registry, type RegistryContentType} from 'prom-client'

import {errorCategoryLabel, operationLabel, seconds} from '../metrics/label-values.js'
import type {PushPayload} from './push-env.js'

export interface PushOptions {
  /** Grouping label `instance`; the host name by default. */
  instance?: string
  timeoutMs?: number
}

export const PUSH_JOB = 'mgit'
const DEFAULT_TIMEOUT_MS = 10_000

/** The registry pushed for one command: gauges, because a Pushgateway keeps only the last value. */
export function resultRegistry(payload: PushPayload): Registry<RegistryContentType> {
  const registry = new Registry<RegistryContentType>()
  const registers = [registry]
  const errorCategory = payload.success ? 'none' : errorCategoryLabel(payload.errorCategory)
  new Gauge({help: 'Unix time the last mgit command of this group ended.', name: 'mgit_last_run_timestamp_seconds', registers}).set(payload.ts / 1000)
  new Gauge({help: 'Duration of the last mgit command of this group, in seconds.', name: 'mgit_last_run_duration_seconds', registers}).set(seconds(payload.durationMs))
  new Gauge({help: 'Exit code of the last mgit command of this group.', name: 'mgit_last_run_exit_code', registers}).set(Number(payload.exitCode) || 0)
  new Gauge({help: '1 if the last mgit command of this group succeeded, else 0; error_category says why not.', labelNames: ['error_category'], name: 'mgit_last_run_success', registers}).set({error_category: errorCategory}, payload.success ? 1 : 0)
  // Pushed only on success: pushAdd (POST) then leaves the previous success time in place on failure.
  if (payload.success) {
    new Gauge({help: 'Unix time of the last successful mgit command of this group.', name: 'mgit_last_success_timestamp_seconds', registers}).set(payload.ts / 1000)
  }

  return registry
}

/**
 * Pushes with POST (pushAdd): metrics of the same name are replaced, others kept. prom-client's
 * Pushgateway resolves on any status below 400 (a 301 from a misconfigured URL looks like
 * success), so the status is checked here: only 2xx counts.
 */
export async function pushCommandResult(url: string, payload: PushPayload, options: PushOptions = {}): Promise<number> {
  const registry = resultRegistry(payload)
  // The registry must be the third argument: with two, prom-client pushes its global registry.
  const gateway = new Pushgateway(url, {timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS}, registry)
  const groupings = {instance: options.instance || hostname(), operation: operationLabel(payload.operation)}
  let status: number | undefined
  try {
    const {resp} = await gateway.pushAdd({groupings, jobName: PUSH_JOB})
    status = (resp as {statusCode?: number}).statusCode
  } catch (error) {
    const match = /status (\d{3})/.exec((error as Error).message)
    throw new Error(match ? `Pushgateway answered HTTP ${match[1]}` : `Pushgateway unreachable (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }

  if (status === undefined || status < 200 || status > 299) throw new Error(`Pushgateway answered HTTP ${status ?? 'nothing'}`)
  return status
}
