import type {Provider} from './provider-config.js'

/** A URL under the provider's API base (keeps a base path such as /api/v3 or /org). */
export function apiUrl(provider: Provider, path: string): URL {
  const base = provider.apiBase.href.replace(/\/+$/, '')
  return new URL(base + path)
}

/**
 * The endpoint that shows the API answers, asked without credentials: GitHub `/meta`, Azure
 * DevOps `_apis/connectionData` of the organisation or collection, Bitbucket Cloud `/2.0/user`
 * (401 without credentials) and Bitbucket Data Center `application-properties`.
 */
export function reachabilityUrl(provider: Provider): URL {
  switch (provider.type) {
    case 'github': {
      return apiUrl(provider, '/meta')
    }

    case 'azuredevops': {
      return apiUrl(provider, '/_apis/connectionData')
    }

    case 'bitbucket': {
      return apiUrl(provider, provider.cloud ? '/2.0/user' : '/rest/api/1.0/application-properties')
    }
  }
}

export interface AuthRequest {
  url: URL
  headers: Record<string, string>
}

function basic(user: string, secret: string): string {
  return 'Basic ' + Buffer.from(`${user}:${secret}`).toString('base64')
}

/**
 * The request that proves the token works, on the endpoint each provider documents for it:
 * GitHub `GET /user` (`Authorization: token`), Azure DevOps `GET _apis/connectionData` (Basic
 * with an empty user and the PAT), Bitbucket Cloud `GET /2.0/user` (Basic user:app-password, or
 * Bearer for an access token without a user), Bitbucket Data Center `GET /rest/api/1.0/users/{user}`.
 */
export function authRequest(provider: Provider, token: string): AuthRequest {
  switch (provider.type) {
    case 'github': {
      return {headers: {accept: 'application/vnd.github+json', authorization: `token ${token}`}, url: apiUrl(provider, '/user')}
    }

    case 'azuredevops': {
      return {headers: {authorization: basic('', token)}, url: apiUrl(provider, '/_apis/connectionData')}
    }

    case 'bitbucket': {
      const authorization = provider.user === undefined ? `Bearer ${token}` : basic(provider.user, token)
      if (provider.cloud) {
        return {headers: {authorization}, url: apiUrl(provider, '/2.0/user')}
      }

      const path = provider.user === undefined ? '/rest/api/1.0/application-properties' : `/rest/api/1.0/users/${encodeURIComponent(provider.user)}`
      return {headers: {authorization}, url: apiUrl(provider, path)}
    }
  }
}
