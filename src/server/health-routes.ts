import type {ServerResponse} from 'node:http'

import type {CheckStatus, HealthReport, HealthScope, HealthService} from '../health/health-types.js'
import {sendJson} from './responses.js'

/** pass and warn keep a pod in service; only fail takes it out. */
export function healthHttpStatus(status: CheckStatus): number {
  return status === 'fail' ? 503 : 200
}

/** A health service that throws has failed its check: answer 503, without the error's text. */
async function report(health: HealthService, scope: HealthScope): Promise<HealthReport> {
  try {
    return await health.check(scope)
  } catch {
    return {
      checks: [{durationMs: 0, message: 'the health service failed to run its checks', name: 'health_service', status: 'fail', time: new Date().toISOString()}],
      durationMs: 0,
      score: 0,
      status: 'fail',
      time: new Date().toISOString(),
    }
  }
}

/** `/health`: the overall verdict and each check's status, without the details. */
export async function sendHealthSummary(res: ServerResponse, health: HealthService): Promise<void> {
  const result = await report(health, 'full')
  sendJson(res, healthHttpStatus(result.status), {
    checks: Object.fromEntries(result.checks.map((c) => [c.name, c.status])),
    score: result.score,
    status: result.status,
    time: result.time,
  })
}

/** `/health/ready` (what mgit needs to work) and `/health/detailed` (every check, in full). */
export async function sendHealthReport(res: ServerResponse, health: HealthService, scope: HealthScope): Promise<void> {
  const result = await report(health, scope)
  sendJson(res, healthHttpStatus(result.status), result)
}

/** `/health/live`: only that this process answers; never a dependency, so it cannot be slow. */
export function sendLiveness(res: ServerResponse): void {
  sendJson(res, 200, {pid: process.pid, status: 'pass', uptimeSeconds: Math.round(process.uptime())})
}
