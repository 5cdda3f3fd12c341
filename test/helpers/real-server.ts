import {type ChildProcess, spawn, spawnSync} from 'node:child_process'

import {freePort} from './free-port.js'
import {makeTempDir} from './temp-dir.js'
import {waitFor} from './wait-for.js'

export interface RealServerSpec {
  /** Executable on PATH, e.g. `prometheus`. */
  binary: string
  /** Command-line arguments for a port and a private storage directory. */
  args: (port: number, dir: string) => string[]
  /** A path answering 200 once the server is ready. */
  readyPath: string
}

export interface RealServer {
  url: string
  port: number
  dir: string
  output: () => string
  stop: () => Promise<void>
}

/** Whether an executable is on PATH. */
export function hasBinary(binary: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${binary}`], {stdio: 'ignore'}).status === 0
}

/**
 * For a `before` hook: skips the suite when a server binary is missing on a developer machine,
 * but fails it under CI (`CI=true`), where .ci/run installs the binaries.
 */
export function requireBinaries(context: Mocha.Context, ...binaries: string[]): void {
  const missing = binaries.filter((binary) => !hasBinary(binary))
  if (missing.length === 0) return
  if (process.env.CI === 'true') throw new Error(`required binaries missing under CI: ${missing.join(', ')}`)
  context.skip()
}

/** Starts a real server in the foreground on 127.0.0.1 with a free port and a temporary directory, and waits for it. */
export async function startRealServer(spec: RealServerSpec): Promise<RealServer> {
  const temp = makeTempDir(`${spec.binary}-`)
  const port = await freePort()
  let output = ''
  const child: ChildProcess = spawn(spec.binary, spec.args(port, temp.path), {stdio: ['ignore', 'pipe', 'pipe']})
  const keep = (chunk: Buffer): void => {
    // Only the tail is kept: enough to explain a failure.
    output = (output + chunk.toString()).slice(-20_000)
  }

  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  let exited = false
  child.once('exit', () => {
    exited = true
  })
  const url = `http://127.0.0.1:${port}`
  const stop = async (): Promise<void> => {
    if (!exited) {
      const gone = new Promise((resolve) => {
        child.once('exit', resolve)
      })
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await gone
      clearTimeout(timer)
    }

    temp.cleanup()
  }

  const early = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`${spec.binary} exited with code ${code}: ${output}`)))
  })
  early.catch(() => {})
  try {
    await Promise.race([
      early,
      waitFor(`${spec.binary} to be ready`, async () => {
        const response = await fetch(url + spec.readyPath)
        return response.ok ? true : undefined
      }, 60_000),
    ])
  } catch (error) {
    await stop()
    throw error
  }

  return {dir: temp.path, output: () => output, port, stop, url}
}
