import {type ResultPromise, execa} from 'execa'

import {HOST_BIN, type HostCli} from './host-cli.js'

export interface HostServer {
  url: string
  port: number
  /** A signal (SIGTERM by default), then the exit code and stderr. */
  stop: (signal?: NodeJS.Signals) => Promise<{exitCode: number | undefined; stderr: string}>
}

/**
 * Runs `mgit monitoring server --port 0` through the fixture host, as a user would, and waits for
 * the line that names the port it listens on.
 */
export async function startHostServer(host: HostCli, args: string[] = [], env: Record<string, string | undefined> = {}): Promise<HostServer> {
  const child: ResultPromise<{reject: false; all: false}> = execa('node', [HOST_BIN, 'monitoring', 'server', '--port', '0', ...args], {
    env: host.env(env),
    extendEnv: true,
    reject: false,
  })
  let stdout = ''
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)
      if (match) resolve(Number(match[1]))
    })
    child.then((result) => reject(new Error(`server exited with ${result.exitCode}: ${result.stderr}`)), reject)
  })
  return {
    port,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      child.kill(signal)
      const result = await child
      return {exitCode: result.exitCode, stderr: String(result.stderr)}
    },
    url: `http://127.0.0.1:${port}`,
  }
}
