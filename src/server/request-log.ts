import type {IncomingMessage, ServerResponse} from 'node:http'
import {round3} from '../util/round.js'

export type LogLine = (line: string) => void

/**
 * One JSON line per request, written when the response finishes. Only the matched route is
 * logged, never the raw URL (a query string or a mistyped path can hold a token) and never a
 * header (Authorization above all).
 */
export function logRequest(log: LogLine, req: IncomingMessage, res: ServerResponse, route: string): void {
  const started = performance.now()
  res.once('close', () => {
    log(
      JSON.stringify({
        bytes: Number(res.getHeader('content-length') ?? 0),
        durationMs: round3(performance.now() - started),
        level: res.statusCode >= 500 ? 'error' : 'info',
        method: METHODS.has(req.method ?? '') ? req.method : 'other',
        msg: 'request',
        remote: req.socket.remoteAddress ?? '',
        route,
        status: res.statusCode,
        time: new Date().toISOString(),
      }),
    )
  })
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'])
