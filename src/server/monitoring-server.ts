import {type IncomingMessage, type Server, type ServerResponse, createServer} from 'node:http'
import type {AddressInfo} from 'node:net'

import type {HealthService} from '../health/health-types.js'
import type {InFlightOptions} from '../metrics/in-flight-metrics.js'
import {bearerAuthenticator} from './auth.js'
import {LiveMetrics} from './live-metrics.js'
import {type LogLine, logRequest} from './request-log.js'
import {sendError} from './responses.js'
import {ALLOWED_METHODS, type RouteContext, type ServerInfo, findRoute} from './routes.js'
import {ServerHealth} from './server-health.js'
import {closeGracefully} from './shutdown.js'

export interface MonitoringServerOptions {
  host: string
  /** 0 picks a free port. */
  port: number
  journalDir: string
  /** When set, every endpoint but the two probes requires `Authorization: Bearer <token>`. */
  authToken?: string
  /** The full health service; without one the server reports what it knows itself. */
  health?: HealthService
  /** Request log sink, one JSON line per request. */
  log?: LogLine
  version?: string
  cliVersion?: string
  inFlight?: InFlightOptions
  processMetrics?: boolean
  /** Commands whose run counters start at 0, so that Prometheus sees their first run. */
  knownOperations?: readonly string[]
  /** How long in-flight requests may take to finish on shutdown. */
  shutdownGraceMs?: number
}

/** Slowloris and oversized headers: close slow or huge requests instead of holding sockets open. */
export const HEADERS_TIMEOUT_MS = 10_000
export const REQUEST_TIMEOUT_MS = 30_000
export const MAX_HEADER_BYTES = 16 * 1024
const DEFAULT_GRACE_MS = 10_000

export class MonitoringServer {
  readonly live: LiveMetrics
  readonly health: HealthService
  private readonly http: Server
  private readonly info: ServerInfo
  private readonly authenticate: ((authorization: string | undefined) => boolean) | undefined
  private readonly log: LogLine
  private stopping: Promise<void> | undefined
  private readonly active = new Set<ServerResponse>()

  constructor(private readonly options: MonitoringServerOptions) {
    this.authenticate = options.authToken ? bearerAuthenticator(options.authToken) : undefined
    this.log = options.log ?? ((line) => process.stderr.write(line + '\n'))
    // The server's own health needs the tailer's counts, and the metrics need the health: a late-bound reference.
    let live: LiveMetrics | undefined
    this.health = options.health ?? new ServerHealth({corruptLines: () => live?.tailer.totals.corrupt ?? 0, journalDir: options.journalDir})
    live = new LiveMetrics({
      health: this.health,
      inFlight: options.inFlight,
      journalDir: options.journalDir,
      knownOperations: options.knownOperations,
      processMetrics: options.processMetrics,
    })
    this.live = live
    this.info = {
      authRequired: this.authenticate !== undefined,
      cliVersion: options.cliVersion ?? 'unknown',
      name: '@mgit/plugin-monitoring',
      startedAt: Date.now(),
      version: options.version ?? 'unknown',
    }
    this.http = createServer({maxHeaderSize: MAX_HEADER_BYTES}, (req, res) => {
      this.handle(req, res).catch(() => res.destroy())
    })
    this.http.headersTimeout = HEADERS_TIMEOUT_MS
    this.http.requestTimeout = REQUEST_TIMEOUT_MS
  }

  /** Listens; rejects with the listen error (EADDRINUSE, EACCES) for the caller to report. */
  async start(): Promise<AddressInfo> {
    // Catch up with the journal before the first scrape, so that it is not the slow one.
    await this.live.refresh()
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => reject(error)
      this.http.once('error', onError)
      this.http.listen(this.options.port, this.options.host, () => {
        this.http.off('error', onError)
        resolve()
      })
    })
    return this.http.address() as AddressInfo
  }

  /** Stops accepting, lets requests in progress finish (up to the grace period), then resolves. */
  stop(): Promise<void> {
    // Responses still being prepared close their connection when done, instead of keeping it alive.
    for (const res of this.active) if (!res.headersSent) res.setHeader('connection', 'close')
    this.stopping ??= closeGracefully(this.http, this.options.shutdownGraceMs ?? DEFAULT_GRACE_MS)
    return this.stopping
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const route = findRoute(pathOf(req.url))
    logRequest(this.log, req, res, route?.path ?? '(unmatched)')
    // Keep-alive clients must not keep a stopping server alive.
    if (this.stopping) res.setHeader('connection', 'close')
    this.active.add(res)
    res.once('close', () => this.active.delete(res))
    if (!route) return sendError(res, 404, 'not_found', 'no such endpoint; GET / lists them')
    if (!(ALLOWED_METHODS as readonly string[]).includes(req.method ?? '')) {
      return sendError(res, 405, 'method_not_allowed', `${route.path} answers ${ALLOWED_METHODS.join(' and ')} only`, {allow: ALLOWED_METHODS.join(', ')})
    }

    if (!route.public && this.authenticate && !this.authenticate(req.headers.authorization)) {
      return sendError(res, 401, 'unauthorized', 'this endpoint requires Authorization: Bearer <token>', {'www-authenticate': 'Bearer realm="mgit-monitoring"'})
    }

    const ctx: RouteContext = {health: this.health, info: this.info, live: this.live, req, res}
    try {
      await route.handle(ctx)
    } catch {
      // The error's text stays out of the response: it could name a path or worse.
      if (res.headersSent) res.destroy()
      else sendError(res, 500, 'internal_error', 'the request could not be served')
    }
  }
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/'
  const end = raw.search(/[?#]/)
  return end === -1 ? raw : raw.slice(0, end)
}
