/**
 * Provider API paths reduced to a small closed set of route templates, so that no organisation,
 * repository or user name (nor any query string) ever reaches the journal or a metric label.
 */
const SEGMENT = '[^/]+'

const ROUTES: ReadonlyArray<readonly [RegExp, string]> = (
  [
    // GitHub (and GitHub Enterprise under /api/v3, stripped before matching).
    ['/user', '/user'],
    ['/user/repos', '/user/repos'],
    ['/user/orgs', '/user/orgs'],
    ['/orgs/S', '/orgs/{org}'],
    ['/orgs/S/repos', '/orgs/{org}/repos'],
    ['/users/S', '/users/{user}'],
    ['/users/S/repos', '/users/{user}/repos'],
    ['/repos/S/S', '/repos/{owner}/{repo}'],
    ['/repos/S/S/branches', '/repos/{owner}/{repo}/branches'],
    ['/rate_limit', '/rate_limit'],
    ['/search/repositories', '/search/repositories'],
    ['/graphql', '/graphql'],
    // Azure DevOps (dev.azure.com/{org}/...; *.visualstudio.com has no org segment).
    ['/_apis/connectionData', '/_apis/connectionData'],
    ['/_apis/projects', '/_apis/projects'],
    ['/_apis/git/repositories', '/_apis/git/repositories'],
    ['/S/_apis/connectionData', '/{org}/_apis/connectionData'],
    ['/S/_apis/projects', '/{org}/_apis/projects'],
    ['/S/_apis/projects/S', '/{org}/_apis/projects/{project}'],
    ['/S/_apis/git/repositories', '/{org}/_apis/git/repositories'],
    ['/S/S/_apis/git/repositories', '/{org}/{project}/_apis/git/repositories'],
    ['/S/S/_apis/git/repositories/S', '/{org}/{project}/_apis/git/repositories/{repo}'],
    // Bitbucket Cloud.
    ['/2.0/user', '/2.0/user'],
    ['/2.0/user/permissions/workspaces', '/2.0/user/permissions/workspaces'],
    ['/2.0/workspaces', '/2.0/workspaces'],
    ['/2.0/workspaces/S', '/2.0/workspaces/{workspace}'],
    ['/2.0/workspaces/S/projects', '/2.0/workspaces/{workspace}/projects'],
    ['/2.0/repositories/S', '/2.0/repositories/{workspace}'],
    ['/2.0/repositories/S/S', '/2.0/repositories/{workspace}/{repo}'],
  ] as const
).map(([shape, template]) => {
  const source = shape
    .split('/')
    .map((part) => (part === 'S' ? SEGMENT : part.replaceAll('.', '\\.')))
    .join('/')
  return [new RegExp(`^${source}$`, 'i'), template] as const
})

export const OTHER_ENDPOINT = 'other'

/** The route template of a request path (query and fragment ignored), or `other`. */
export function endpointTemplate(path: string): string {
  let clean = path.split(/[?#]/, 1)[0]
  if (clean.length > 1 && clean.endsWith('/')) clean = clean.slice(0, -1)
  if (/^\/api\/v3(\/|$)/i.test(clean)) clean = clean.slice(7) || '/'
  for (const [pattern, template] of ROUTES) {
    if (pattern.test(clean)) return template
  }

  return OTHER_ENDPOINT
}

/** Whether `endpoint` is already one of the templates (callers of the integration API pass these). */
export function isKnownTemplate(endpoint: string): boolean {
  return ROUTES.some(([, template]) => template === endpoint)
}
