import {type IncomingMessage, type Server, type ServerResponse, createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {freePort} from './free-port.js'

export type ProviderKind = 'azuredevops' | 'bitbucket' | 'github'
export type ProviderScenario = 'down' | 'invalid' | 'rate-limited' | 'slow' | 'valid'
export const PROVIDER_SCENARIOS: readonly ProviderScenario[] = ['valid', 'invalid', 'rate-limited', 'slow', 'down']

export interface FakeProviderOptions {
  kind: ProviderKind
  scenario: ProviderScenario
  /** The token the provider accepts (in `invalid`, it has been revoked: every credential is refused). */
  token: string
  /** Bitbucket: the user of the app password. */
  user?: string
  /** Azure DevOps: the organisation in the path. */
  org?: string
  /** `slow`: how long before answering (default 60 s, far beyond any check timeout). */
  slowMs?: number
  /** GitHub: the value of `github-authentication-token-expiration` on `/user`. */
  tokenExpiration?: string
}

export interface RecordedRequest {
  method: string
  path: string
  authorization?: string
}

export interface FakeProvider {
  kind: ProviderKind
  scenario: ProviderScenario
  /** What to put in `api_url` (for Azure DevOps, includes the organisation). */
  apiUrl: string
  port: number
  requests: RecordedRequest[]
  stop(): Promise<void>
}

interface Answer {
  status: number
  headers?: Record<string, string>
  body?: unknown
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
  return {body, headers: {'content-type': 'application/json; charset=utf-8', ...headers}, status}
}

const basic = (user: string, secret: string): string => 'Basic ' + Buffer.from(`${user}:${secret}`).toString('base64')
const nowSeconds = (): number => Math.floor(Date.now() / 1000)

function githubRateHeaders(remaining: number): Record<string, string> {
  return {
    'x-github-media-type': 'github.v3; format=json',
    'x-github-request-id': 'C0DE:1234:5678:9ABC:65F0A1B2',
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(nowSeconds() + 1800),
    'x-ratelimit-resource': 'core',
    'x-ratelimit-used': String(5000 - remaining),
  }
}

/** api.github.com: `/meta` anonymously, `/user` with `Authorization: token|Bearer`. */
function github(req: IncomingMessage, path: string, o: FakeProviderOptions): Answer {
  if (o.scenario === 'rate-limited') {
    return json(403, {documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api', message: 'API rate limit exceeded for user ID 1.', status: '403'}, githubRateHeaders(0))
  }

  if (path === '/meta') return json(200, {hooks: ['192.30.252.0/22'], verifiable_password_authentication: true}, githubRateHeaders(59))
  if (path !== '/user') return json(404, {documentation_url: 'https://docs.github.com/rest', message: 'Not Found', status: '404'})
  const auth = req.headers.authorization
  if (auth === undefined) return json(401, {documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user', message: 'Requires authentication', status: '401'})
  const accepted = o.scenario !== 'invalid' && (auth === `token ${o.token}` || auth === `Bearer ${o.token}`)
  if (!accepted) return json(401, {documentation_url: 'https://docs.github.com/rest', message: 'Bad credentials', status: '401'}, githubRateHeaders(59))
  const headers: Record<string, string> = {...githubRateHeaders(4999), 'x-accepted-oauth-scopes': '', 'x-oauth-scopes': 'repo, read:org'}
  if (o.tokenExpiration !== undefined) headers['github-authentication-token-expiration'] = o.tokenExpiration
  return json(200, {id: 1, login: 'octocat', node_id: 'MDQ6VXNlcjE=', site_admin: false, type: 'User'}, headers)
}

function throttled(): Answer {
  return json(429, {message: 'Too many requests'}, {'retry-after': '30', 'x-ratelimit-limit': '200', 'x-ratelimit-remaining': '0', 'x-ratelimit-resource': 'ATCPU'})
}

/** dev.azure.com/{org}: `_apis/connectionData`, Basic with an empty user and the PAT. */
function azure(req: IncomingMessage, path: string, o: FakeProviderOptions): Answer {
  if (o.scenario === 'rate-limited') return throttled()
  if (path !== `/${o.org ?? 'acme'}/_apis/connectionData`) return json(404, {message: 'The resource cannot be found.', typeKey: 'NotFoundException'})
  const auth = req.headers.authorization ?? ''
  const pat = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString().split(':').slice(1).join(':') : undefined
  if (o.scenario === 'invalid' || pat !== o.token) {
    return {
      body: '<html><head><title>Access Denied</title></head><body>Access Denied: The Personal Access Token used has expired.</body></html>',
      headers: {'content-type': 'text/html; charset=utf-8', 'www-authenticate': 'Bearer authorization_uri=https://login.microsoftonline.com/common, Basic realm="https://tfsprodweu2.app.visualstudio.com/"', 'x-tfs-processid': '7f3a'},
      status: 401,
    }
  }

  const user = {descriptor: 'Microsoft.IdentityModel.Claims.ClaimsIdentity;jamal@example.com', id: '6f1c3a4e-8d2b-4c1a-9e8f-2b7d5a1c9e30', isActive: true, providerDisplayName: 'Jamal Hartnett', subjectDescriptor: 'aad.NmYxYzNhNGUtOGQyYi00YzFh'}
  return json(200, {authenticatedUser: user, authorizedUser: user, deploymentId: '9b2e1d3c-0000-0000-0000-000000000000', deploymentType: 'hosted', instanceId: 'a5c1e3f0-0000-0000-0000-000000000000', locationServiceData: {serviceOwner: '00025394-6065-48ca-87d9-7f5672854ef7'}}, {'x-tfs-processid': '7f3a', 'x-vss-e2eid': 'e2e-1'})
}

/** api.bitbucket.org: `/2.0/user`, Basic user:app-password (or Bearer for an access token). */
function bitbucket(req: IncomingMessage, path: string, o: FakeProviderOptions): Answer {
  if (o.scenario === 'rate-limited') return throttled()
  if (path !== '/2.0/user') return json(404, {error: {message: 'Resource not found'}, type: 'error'})
  const auth = req.headers.authorization
  const accepted = o.scenario !== 'invalid' && (auth === basic(o.user ?? '', o.token) || (o.user === undefined && auth === `Bearer ${o.token}`))
  if (!accepted) return json(401, {error: {message: 'Unauthorized'}, type: 'error'}, {'www-authenticate': 'Basic realm="Bitbucket.org HTTP"'})
  return json(200, {account_id: '557058:1a2b3c', display_name: 'Bob Builder', nickname: 'bob', type: 'user', username: o.user ?? 'bob', uuid: '{d3c1a6f0-0000-0000-0000-000000000000}'})
}

const HANDLERS: Record<ProviderKind, (req: IncomingMessage, path: string, o: FakeProviderOptions) => Answer> = {azuredevops: azure, bitbucket, github}

function send(res: ServerResponse, answer: Answer): void {
  const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
  res.writeHead(answer.status, answer.headers)
  res.end(body)
}

function apiUrlFor(kind: ProviderKind, port: number, org: string): string {
  return kind === 'azuredevops' ? `http://127.0.0.1:${port}/${org}` : `http://127.0.0.1:${port}`
}

/**
 * A provider API on a free loopback port that answers as GitHub, Azure DevOps or Bitbucket
 * Cloud do (status, JSON bodies and headers), in one of the scenarios the health checks judge.
 * `down` binds no server: its URL points at a port that was just released.
 */
export async function startProviderApi(options: FakeProviderOptions): Promise<FakeProvider> {
  const org = options.org ?? 'acme'
  const requests: RecordedRequest[] = []
  if (options.scenario === 'down') {
    const port = await freePort()
    return {apiUrl: apiUrlFor(options.kind, port, org), kind: options.kind, port, requests, scenario: 'down', async stop() {}}
  }

  const timers = new Set<NodeJS.Timeout>()
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    requests.push({method: req.method ?? 'GET', path, ...(req.headers.authorization === undefined ? {} : {authorization: req.headers.authorization})})
    const answer = HANDLERS[options.kind](req, path, options)
    if (options.scenario !== 'slow') {
      send(res, answer)
      return
    }

    const timer = setTimeout(() => {
      timers.delete(timer)
      if (!res.destroyed) send(res, answer)
    }, options.slowMs ?? 60_000)
    timers.add(timer)
  })
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve)
  })
  const {port} = server.address() as AddressInfo
  return {
    apiUrl: apiUrlFor(options.kind, port, org),
    kind: options.kind,
    port,
    requests,
    scenario: options.scenario,
    async stop() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      server.closeAllConnections()
      await new Promise((resolve) => {
        server.close(resolve)
      })
    },
  }
}

/** A config.yaml naming the three providers by their real URLs, each pointed at its fake with `api_url`. */
export function threeProviderConfig(fakes: ThreeProviders, tokens: {github: string; azure: string; bitbucket: string}, user = 'bob'): string {
  return [
    'global:',
    '  default_provider: gh',
    'providers:',
    '  gh:',
    '    url: https://github.com/acme',
    `    user: ${user}`,
    `    token: ${tokens.github}`,
    `    api_url: ${fakes.github.apiUrl}`,
    '  ado:',
    '    url: https://dev.azure.com/acme',
    `    user: ${user}`,
    `    token: ${tokens.azure}`,
    `    api_url: ${fakes.azure.apiUrl}`,
    '  bb:',
    '    url: https://bitbucket.org/acme',
    `    user: ${user}`,
    `    token: ${tokens.bitbucket}`,
    '    workspace: acme',
    `    api_url: ${fakes.bitbucket.apiUrl}`,
    '',
  ].join('\n')
}

export interface ThreeProviders {
  github: FakeProvider
  azure: FakeProvider
  bitbucket: FakeProvider
}

/** GitHub, Azure DevOps and Bitbucket fakes, all in one scenario, accepting the given tokens (user `bob`). */
export async function startThreeProviders(scenario: ProviderScenario, tokens: {github: string; azure: string; bitbucket: string}, extra: Partial<FakeProviderOptions> = {}): Promise<ThreeProviders> {
  const start = (kind: ProviderKind, token: string): Promise<FakeProvider> => startProviderApi({kind, scenario, slowMs: 10_000, token, user: 'bob', ...extra})
  const [github, azure, bitbucket] = await Promise.all([start('github', tokens.github), start('azuredevops', tokens.azure), start('bitbucket', tokens.bitbucket)])
  return {azure, bitbucket, github}
}

export async function stopAll(fakes: ThreeProviders | undefined): Promise<void> {
  if (fakes !== undefined) await Promise.all([fakes.github.stop(), fakes.azure.stop(), fakes.bitbucket.stop()])
}

/** Registers mocha hooks that run the three fakes in `scenario` for the enclosing suite; returns their getter. */
export function useThreeProviders(scenario: ProviderScenario, tokens: {github: string; azure: string; bitbucket: string}): () => ThreeProviders {
  let fakes: ThreeProviders | undefined
  before(async function () {
    fakes = await startThreeProviders(scenario, tokens)
  })
  after(async function () {
    await stopAll(fakes)
    fakes = undefined
  })
  return () => {
    if (fakes === undefined) throw new Error('useThreeProviders: no providers outside a test')
    return fakes
  }
}
