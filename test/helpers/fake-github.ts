import {type IncomingHttpHeaders, type Server, createServer} from 'node:http'

export interface FakeRepo {
  name: string
  cloneUrl: string
}

export interface ReceivedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
}

export interface FakeGitHubOptions {
  repos: FakeRepo[]
  pageSize?: number
  /** Answer every API call with 403 and an exhausted rate-limit header. */
  rateLimited?: boolean
}

/**
 * A loopback server that answers like GitHub's `GET /orgs/{org}/repos` (paginated with a
 * `Link` header), records what it received, and answers 401 to anything else (git's smart HTTP
 * included, so a clone from it fails as with a bad token).
 */
export class FakeGitHub {
  readonly requests: ReceivedRequest[] = []
  private server: Server | undefined
  private port = 0

  constructor(private readonly options: FakeGitHubOptions) {}

  /** Repositories can be added once the URL is known (a clone URL pointing back at this server). */
  addRepo(repo: FakeRepo): void {
    this.options.repos.push(repo)
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      this.requests.push({headers: request.headers, method: request.method ?? '', url: request.url ?? ''})
      const url = new URL(request.url ?? '/', this.url)
      const match = /^\/orgs\/([^/]+)\/repos$/.exec(url.pathname)
      if (this.options.rateLimited) {
        response.writeHead(403, {'content-type': 'application/json', 'x-ratelimit-remaining': '0'})
        response.end('{"message":"API rate limit exceeded"}')
        return
      }

      if (!match || request.method !== 'GET') {
        response.writeHead(401, {'content-type': 'text/plain', 'www-authenticate': 'Basic realm="fake"'})
        response.end('unauthorized')
        return
      }

      const pageSize = this.options.pageSize ?? 100
      const page = Number(url.searchParams.get('page') ?? '1')
      const slice = this.options.repos.slice((page - 1) * pageSize, page * pageSize)
      const headers: Record<string, string> = {'content-type': 'application/json', 'x-ratelimit-remaining': '4999'}
      if (page * pageSize < this.options.repos.length) {
        headers.link = `<${this.url}/orgs/${match[1]}/repos?per_page=${pageSize}&page=${page + 1}>; rel="next"`
      }

      response.writeHead(200, headers)
      response.end(JSON.stringify(slice.map((r) => ({clone_url: r.cloneUrl, name: r.name}))))
    })
    await new Promise<void>((resolve) => {
      this.server!.listen(0, '127.0.0.1', resolve)
    })
    this.port = (this.server.address() as {port: number}).port
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => {
      this.server?.close(resolve)
    })
  }
}
