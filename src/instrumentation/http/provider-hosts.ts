import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {PROVIDER_TYPES, type ProviderType} from '../../journal/event-types.js'

/** The provider type of a well-known host (see DESIGN.md), or undefined. */
export function knownProvider(host: string): Exclude<ProviderType, 'other'> | undefined {
  const h = host.toLowerCase().replace(/:\d+$/, '')
  if (h === 'github.com' || h === 'api.github.com' || h.endsWith('.github.com')) return 'github'
  if (h === 'dev.azure.com' || h.endsWith('.dev.azure.com') || h.endsWith('.visualstudio.com')) return 'azuredevops'
  if (h === 'bitbucket.org' || h === 'api.bitbucket.org' || h.endsWith('.bitbucket.org')) return 'bitbucket'
  return undefined
}

/** The provider of a URL (`https://`, `ssh://`, scp-like `git@host:path`), or `other`. */
export function providerOfUrl(url: string, configured?: ReadonlyMap<string, ProviderType>): ProviderType {
  const host = hostOf(url)
  if (host === undefined) return 'other'
  return knownProvider(host) ?? configured?.get(host) ?? configured?.get(host.replace(/:\d+$/, '')) ?? 'other'
}

/** host[:port] of a URL, lower-cased, without credentials; undefined for local paths. */
export function hostOf(url: string): string | undefined {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/@]*@)?([^/?#]+)/i.exec(url)
  if (scheme) return scheme[1].toLowerCase()
  const scp = /^(?:[^@/\s]+@)?([A-Za-z0-9.-]+\.[A-Za-z]{2,}):(?!\/\/)/.exec(url)
  return scp ? scp[1].toLowerCase() : undefined
}

/**
 * Hosts of the providers in mgit's `config.yaml` (`providers: {NAME: {url, api_url?, type?}}`),
 * mapped to their type: an explicit `type`, else inferred from a well-known host. Read with a
 * line scanner rather than a YAML library (the hooks must stay light); only `url`, `api_url` and
 * `type` are looked at, so no token is ever held.
 */
export function configuredProviderHosts(configDir: string): Map<string, ProviderType> {
  const hosts = new Map<string, ProviderType>()
  let text: string
  try {
    text = readFileSync(join(configDir, 'config.yaml'), 'utf8')
  } catch {
    return hosts
  }

  let inProviders = false
  let entryIndent = -1
  let entry: {urls: string[]; type?: ProviderType} | undefined
  const flush = (): void => {
    if (!entry) return
    for (const url of entry.urls) {
      const host = hostOf(url)
      if (host === undefined) continue
      const type = entry.type ?? knownProvider(host)
      if (type !== undefined) hosts.set(host, type)
    }

    entry = undefined
  }

  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(raw)) continue
    const indent = raw.length - raw.trimStart().length
    const line = raw.trim()
    if (indent === 0) {
      flush()
      inProviders = /^providers\s*:\s*$/.test(line)
      entryIndent = -1
      continue
    }

    if (!inProviders) continue
    if (entryIndent === -1 || indent <= entryIndent) {
      flush()
      entryIndent = indent
      entry = {urls: []}
      continue
    }

    const match = /^(url|api_url|type)\s*:\s*["']?([^"'#\s]+)/.exec(line)
    if (!match || !entry) continue
    if (match[1] === 'type') {
      const type = match[2].toLowerCase().replace(/[^a-z]/g, '')
      if ((PROVIDER_TYPES as readonly string[]).includes(type)) entry.type = type as ProviderType
    } else {
      entry.urls.push(match[2])
    }
  }

  flush()
  return hosts
}
