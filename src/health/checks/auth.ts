import type {CheckContext, CheckDetail, HealthCheck} from '../check.js'
import {probe, requestTimeout} from '../http-probe.js'
import {type Answered, judgeAnswer, judgeUnanswered} from '../probe-judgement.js'
import type {Provider} from '../provider-config.js'
import {authRequest} from '../provider-endpoints.js'
import {type ProviderSource, providerCheck} from '../provider-check.js'

export interface AuthOptions {
  /** Warn when a token expires within this many days (where the provider says when). */
  expiryWarnDays?: number
  now?: () => number
}

export const DEFAULT_EXPIRY_WARN_DAYS = 14
const DAY_MS = 24 * 60 * 60 * 1000
/** Azure DevOps answers connectionData for an unauthenticated caller with this well-known anonymous user. */
const AZURE_ANONYMOUS_ID = 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa'

function field(body: unknown, ...path: string[]): string | undefined {
  let value: unknown = body
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<string, unknown>)[key]
  }

  return typeof value === 'string' && value !== '' ? value : undefined
}

/** GitHub's `github-authentication-token-expiration: 2026-12-01 00:00:00 UTC` (fine-grained and expiring classic tokens). */
export function parseGitHubExpiry(header: string | null): number | undefined {
  if (header === null) return undefined
  const iso = header.trim().replace(/ UTC$/, 'Z').replace(/ ([+-]\d{2}):?(\d{2})$/, '$1:$2').replace(' ', 'T')
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? undefined : ms
}

interface Identity {
  who?: string
  notes: string[]
  expiresAt?: number
}

/** Who the token belongs to, as each provider says it, or undefined when the answer is not an authenticated identity. */
function identity(provider: Provider, result: Answered): Identity | undefined {
  switch (provider.type) {
    case 'github': {
      const who = field(result.body, 'login')
      if (who === undefined) return undefined
      const scopes = result.headers.get('x-oauth-scopes')
      const notes = scopes === null ? [] : [`scopes: ${scopes.trim() === '' ? '(none)' : scopes.trim()}`]
      const expiresAt = parseGitHubExpiry(result.headers.get('github-authentication-token-expiration'))
      return {notes, who, ...(expiresAt === undefined ? {} : {expiresAt})}
    }

    case 'azuredevops': {
      const id = field(result.body, 'authenticatedUser', 'id')
      if (id === undefined || id === AZURE_ANONYMOUS_ID) return undefined
      return {notes: [], who: field(result.body, 'authenticatedUser', 'providerDisplayName') ?? id}
    }

    case 'bitbucket': {
      const who = field(result.body, 'username') ?? field(result.body, 'display_name') ?? field(result.body, 'slug') ?? field(result.body, 'name')
      // Data Center's application-properties (token without a user) carries a version, not a user.
      const server = field(result.body, 'version')
      if (who === undefined && server === undefined) return undefined
      return {notes: [], who: who ?? 'token accepted'}
    }
  }
}

function rejected(provider: Provider, result: Answered, why: string): CheckDetail {
  return {
    component: provider.name,
    message: `${provider.apiBase.host}: ${why} (HTTP ${result.status})`,
    observedUnit: 'ms',
    observedValue: result.ms,
    recommendation: `Create a new token with the scopes mgit needs and update providers.${provider.name}.token in the mgit config.`,
    status: 'fail',
  }
}

async function checkToken(provider: Provider, context: CheckContext, options: Required<AuthOptions>): Promise<CheckDetail> {
  const component = provider.name
  if (provider.token === undefined) {
    return {component, message: 'no token configured', recommendation: `Set providers.${provider.name}.token: without it mgit sees only public repositories.`, status: 'warn'}
  }

  const request = authRequest(provider, provider.token)
  const result = await probe(request.url, {headers: request.headers, signal: context.signal, timeoutMs: requestTimeout(context.timeoutMs)})
  if (result.kind !== 'response') return judgeUnanswered(provider, result)
  const common = judgeAnswer(provider, result)
  if (common !== undefined) return common
  if (result.status === 401) return rejected(provider, result, 'token rejected')
  if (result.status === 403) return rejected(provider, result, 'token lacks access')
  // Azure DevOps answers a bad PAT with a redirect or a 203 sign-in page instead of a 401.
  if ((result.status >= 300 && result.status < 400) || result.status === 203) return rejected(provider, result, 'token not accepted (sign-in page)')
  const who = result.status >= 200 && result.status < 300 ? identity(provider, result) : undefined
  if (who === undefined) {
    return {component, message: `${provider.apiBase.host}: unexpected answer HTTP ${result.status}`, observedUnit: 'ms', observedValue: result.ms, recommendation: `Check providers.${provider.name}.url, type and api_url.`, status: 'warn'}
  }

  const base = `${provider.apiBase.host}: authenticated as ${who.who}`
  const notes = who.notes.length > 0 ? `; ${who.notes.join('; ')}` : ''
  if (who.expiresAt !== undefined) {
    const days = Math.floor((who.expiresAt - options.now()) / DAY_MS)
    const expiry = `; expires in ${days} day(s)`
    if (days < options.expiryWarnDays) {
      return {component, message: base + notes + expiry, observedUnit: 'days to expiry', observedValue: days, recommendation: `Renew the token of provider ${provider.name} before it expires.`, status: 'warn'}
    }

    return {component, message: base + notes + expiry, observedUnit: 'days to expiry', observedValue: days, status: 'pass'}
  }

  return {component, message: base + notes, observedUnit: 'ms', observedValue: result.ms, status: 'pass'}
}

/** Authentication: each provider's token is valid against the provider's own endpoint for it. */
export function authCheck(source: ProviderSource, options: AuthOptions = {}): HealthCheck {
  const settings: Required<AuthOptions> = {expiryWarnDays: options.expiryWarnDays ?? DEFAULT_EXPIRY_WARN_DAYS, now: options.now ?? Date.now}
  return providerCheck('auth', source, (provider, context) => checkToken(provider, context, settings))
}
