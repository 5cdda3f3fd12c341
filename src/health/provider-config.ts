import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {parseDocument} from 'yaml'

import {knownProvider} from '../instrumentation/http/provider-hosts.js'

export const PROVIDER_TYPES = ['github', 'azuredevops', 'bitbucket'] as const
export type ProviderType = (typeof PROVIDER_TYPES)[number]

/** A provider from mgit's config.yaml, with the API base the checks talk to. */
export interface Provider {
  name: string
  type: ProviderType
  /** The configured URL, credentials stripped. */
  url: string
  /** Where API calls go: derived from `url`, or the explicit `api_url`. */
  apiBase: URL
  /** The provider's cloud service (github.com, dev.azure.com, bitbucket.org) rather than a self-hosted server. */
  cloud: boolean
  user?: string
  token?: string
  workspace?: string
}

/** A provider entry that cannot be checked, and why. */
export interface ProviderProblem {
  name: string
  message: string
  recommendation: string
}

export interface ProviderConfig {
  path: string
  providers: Provider[]
  problems: ProviderProblem[]
  /** Set when the file as a whole is missing or unusable. */
  fileProblem?: {status: 'fail' | 'warn'; message: string; recommendation: string}
  /** Every configured secret, to be masked in any output. */
  secrets: string[]
}

export function configPath(configDir: string): string {
  return join(configDir, 'config.yaml')
}

function cloudApiBase(type: ProviderType, url: URL): URL {
  if (type === 'github') return new URL('https://api.github.com')
  if (type === 'bitbucket') return new URL('https://api.bitbucket.org')
  return url
}

/** Self-hosted GitHub Enterprise serves its REST API under /api/v3. */
function serverApiBase(type: ProviderType, url: URL): URL {
  if (type === 'github' && !/\/api\/v3\/?$/.test(url.pathname)) return new URL(url.pathname.replace(/\/?$/, '/api/v3'), url)
  return url
}

function stripCredentials(url: URL): URL {
  const clean = new URL(url.href)
  clean.username = ''
  clean.password = ''
  clean.search = ''
  clean.hash = ''
  clean.pathname = clean.pathname.replace(/\/+$/, '')
  return clean
}

function parseUrl(raw: unknown): URL | undefined {
  if (typeof raw !== 'string') return undefined
  try {
    const url = new URL(raw)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined
  } catch {
    return undefined
  }
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined
}

function problem(name: string, message: string, recommendation: string): ProviderProblem {
  return {message, name, recommendation}
}

function readProvider(name: string, raw: unknown): Provider | ProviderProblem {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return problem(name, 'entry is not a mapping', `Give provider "${name}" at least url, user and token.`)
  }

  const entry = raw as Record<string, unknown>
  const url = parseUrl(entry.url)
  if (url === undefined) return problem(name, 'missing or invalid url', `Set providers.${name}.url to the provider's https URL.`)
  const explicit = optionalString(entry.type)?.toLowerCase().replaceAll(/[\s_-]/g, '')
  const fromHost = knownProvider(url.hostname)
  if (explicit !== undefined && !(PROVIDER_TYPES as readonly string[]).includes(explicit)) {
    return problem(name, `unknown type "${explicit}"`, `Set providers.${name}.type to one of ${PROVIDER_TYPES.join(', ')}.`)
  }

  const type = (explicit as ProviderType | undefined) ?? fromHost
  if (type === undefined) {
    return problem(
      name,
      `self-hosted URL ${url.host} needs an explicit type`,
      `Set providers.${name}.type to one of ${PROVIDER_TYPES.join(', ')} (GitHub Enterprise, Azure DevOps Server, Bitbucket Data Center).`,
    )
  }

  const apiUrl = entry.api_url === undefined ? undefined : parseUrl(entry.api_url)
  if (entry.api_url !== undefined && apiUrl === undefined) {
    return problem(name, 'invalid api_url', `Set providers.${name}.api_url to an http(s) URL or remove it.`)
  }

  const cloud = fromHost !== undefined && fromHost === type
  const base = apiUrl ?? (cloud ? cloudApiBase(type, url) : serverApiBase(type, url))
  const provider: Provider = {apiBase: stripCredentials(base), cloud, name, type, url: stripCredentials(url).href}
  const user = optionalString(entry.user)
  const token = optionalString(entry.token)
  const workspace = optionalString(entry.workspace)
  if (user !== undefined) provider.user = user
  if (token !== undefined) provider.token = token
  if (workspace !== undefined) provider.workspace = workspace
  return provider
}

/** Secrets present anywhere in the raw config, including inside URLs, so that none is ever echoed. */
function secretsOf(raw: unknown): string[] {
  const found: string[] = []
  if (typeof raw !== 'object' || raw === null) return found
  for (const entry of Object.values(raw as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) continue
    const {token, url, api_url: apiUrl} = entry as Record<string, unknown>
    if (typeof token === 'string') found.push(token)
    for (const value of [url, apiUrl]) {
      const parsed = parseUrl(value)
      if (parsed?.password) found.push(decodeURIComponent(parsed.password))
    }
  }

  return found
}

/**
 * Reads mgit's `config.yaml`. Never throws: a missing, unreadable or malformed file, or an
 * unusable provider entry, becomes a problem for the checks to report.
 */
export async function loadProviderConfig(configDir: string): Promise<ProviderConfig> {
  const path = configPath(configDir)
  const empty: ProviderConfig = {path, problems: [], providers: [], secrets: []}
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT'
      ? {...empty, fileProblem: {message: `no mgit config at ${path}`, recommendation: 'Configure at least one provider in mgit (config.yaml), or set MGIT_CONFIG_DIR.', status: 'warn'}}
      : {...empty, fileProblem: {message: `cannot read ${path} (${code ?? 'error'})`, recommendation: 'Make the mgit config file readable by this user.', status: 'fail'}}
  }

  // Error messages of the YAML parser quote the offending source line, which may hold a token:
  // report only the position and error code.
  const document = parseDocument(text, {uniqueKeys: false})
  if (document.errors.length > 0) {
    const [first] = document.errors
    const at = first.linePos?.[0]
    const where = at === undefined ? '' : ` at line ${at.line}, column ${at.col}`
    return {...empty, fileProblem: {message: `${path} is not valid YAML${where} (${first.code})`, recommendation: 'Fix the YAML syntax of the mgit config file.', status: 'fail'}}
  }

  const root: unknown = document.toJS()
  const providersRaw = typeof root === 'object' && root !== null ? (root as Record<string, unknown>).providers : undefined
  if (providersRaw === undefined || providersRaw === null) {
    return {...empty, fileProblem: {message: `no providers in ${path}`, recommendation: 'Add providers to the mgit config (mgit config --add-provider or config.yaml).', status: 'warn'}}
  }

  if (typeof providersRaw !== 'object' || Array.isArray(providersRaw)) {
    return {...empty, fileProblem: {message: `"providers" in ${path} is not a mapping of names to providers`, recommendation: 'Write providers as providers: {NAME: {url, user, token}}.', status: 'fail'}}
  }

  const config: ProviderConfig = {...empty, secrets: secretsOf(providersRaw)}
  for (const [name, raw] of Object.entries(providersRaw as Record<string, unknown>)) {
    const result = readProvider(name, raw)
    if ('apiBase' in result) config.providers.push(result)
    else config.problems.push(result)
  }

  return config
}
