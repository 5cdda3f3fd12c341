import type {IncomingMessage, ServerResponse} from 'node:http'

import type {HealthService} from '../health/health-types.js'
import {wantsOpenMetrics} from './content-negotiation.js'
import {sendHealthReport, sendHealthSummary, sendLiveness} from './health-routes.js'
import {renderPage} from './html-page.js'
import type {LiveMetrics} from './live-metrics.js'
import {send, sendJson} from './responses.js'

export interface ServerInfo {
  name: string
  version: string
  cliVersion: string
  startedAt: number
  authRequired: boolean
}

export interface RouteContext {
  req: IncomingMessage
  res: ServerResponse
  live: LiveMetrics
  health: HealthService
  info: ServerInfo
}

export interface Route {
  path: string
  description: string
  /** Answered without a token even when one is configured (Kubernetes probes carry none). */
  public: boolean
  handle(ctx: RouteContext): Promise<void> | void
}

export const ALLOWED_METHODS = ['GET', 'HEAD'] as const

function uptimeSeconds(info: ServerInfo): number {
  return Math.round((Date.now() - info.startedAt) / 1000)
}

export const ROUTES: readonly Route[] = [
  {
    description: 'This page: endpoints, current health and recent command activity.',
    async handle({health, info, live, res}) {
      await live.refresh()
      const report = health.latest() ?? (await health.check('full').catch(() => undefined))
      const page = renderPage({
        authRequired: info.authRequired,
        endpoints: ROUTES,
        health: report,
        inFlight: live.catalog.inFlight.current(),
        recent: live.recent.list(),
        version: info.version,
      })
      send(res, 200, 'text/html; charset=utf-8', page)
    },
    path: '/',
    public: false,
  },
  {
    description: 'Prometheus metrics (text format 0.0.4, or OpenMetrics 1.0 when the Accept header asks for it).',
    async handle({live, req, res}) {
      const {body, contentType} = await live.render(wantsOpenMetrics(req.headers.accept) ? 'openmetrics' : 'prometheus')
      send(res, 200, contentType, body)
    },
    path: '/metrics',
    public: false,
  },
  {
    description: "The same metrics as JSON (prom-client's form).",
    async handle({live, res}) {
      const {body, contentType} = await live.render('json')
      send(res, 200, `${contentType}; charset=utf-8`, body)
    },
    path: '/metrics/json',
    public: false,
  },
  {
    description: 'Overall health: pass, warn or fail and each check’s status (503 on fail).',
    handle: ({health, res}) => sendHealthSummary(res, health),
    path: '/health',
    public: false,
  },
  {
    description: 'Readiness probe: the checks mgit needs to do its work (503 on fail).',
    handle: ({health, res}) => sendHealthReport(res, health, 'ready'),
    path: '/health/ready',
    public: true,
  },
  {
    description: 'Liveness probe: this process answers. Never checks a dependency.',
    handle: ({res}) => sendLiveness(res),
    path: '/health/live',
    public: true,
  },
  {
    description: 'Every health check in full: observed values, messages, recommendations (503 on fail).',
    handle: ({health, res}) => sendHealthReport(res, health, 'full'),
    path: '/health/detailed',
    public: false,
  },
  {
    description: 'What this server is: versions, start time, whether a token is required.',
    handle({info, res}) {
      sendJson(res, 200, {
        authRequired: info.authRequired,
        cliVersion: info.cliVersion,
        endpoints: ROUTES.map((r) => r.path),
        name: info.name,
        node: process.version,
        pid: process.pid,
        platform: `${process.platform}-${process.arch}`,
        startedAt: new Date(info.startedAt).toISOString(),
        uptimeSeconds: uptimeSeconds(info),
        version: info.version,
      })
    },
    path: '/info',
    public: false,
  },
  {
    description: 'A short status: health verdict, journal progress, commands running and recent.',
    async handle({health, info, live, res}) {
      await live.refresh()
      const totals = live.tailer.totals
      sendJson(res, 200, {
        commands: {inFlight: live.catalog.inFlight.current(), recent: live.recent.list().slice(0, 5)},
        health: health.latest()?.status ?? 'unknown',
        journal: {corruptLines: totals.corrupt, eventsRead: totals.events, readError: live.lastReadError ?? null, unsupportedEvents: totals.unsupported},
        status: 'running',
        uptimeSeconds: uptimeSeconds(info),
      })
    },
    path: '/status',
    public: false,
  },
]

const BY_PATH = new Map(ROUTES.map((route) => [route.path, route]))

export function findRoute(path: string): Route | undefined {
  // A trailing slash is tolerated (`/metrics/`), the root excepted.
  return BY_PATH.get(path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path)
}
