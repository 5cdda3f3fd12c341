import type {ServerResponse} from 'node:http'

const COMMON_HEADERS = {'cache-control': 'no-store', 'x-content-type-options': 'nosniff'}

export function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  // setHeader rather than writeHead's object, so that the request log can read them back.
  const all = {...COMMON_HEADERS, 'content-length': String(Buffer.byteLength(body)), 'content-type': contentType, ...headers}
  for (const [name, value] of Object.entries(all)) res.setHeader(name, value)
  res.writeHead(status)
  res.end(body)
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value, null, 2) + '\n', headers)
}

export function sendError(res: ServerResponse, status: number, error: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, {error, message, status}, headers)
}
