import type {Server} from 'node:http'

/**
 * Stops a server gracefully: no new connections, idle keep-alive connections closed at once,
 * requests in progress allowed to finish. Connections still open after `graceMs` are cut.
 */
export function closeGracefully(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs)
    force.unref()
    server.close((error) => {
      clearTimeout(force)
      if (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(error)
      else resolve()
    })
    server.closeIdleConnections()
  })
}

/**
 * Runs `stop` once on the first SIGTERM or SIGINT; returns a function that removes the handlers.
 * A second signal while stopping is ignored: the grace period bounds the wait anyway.
 */
export function onTerminationSignal(stop: (signal: NodeJS.Signals) => void): () => void {
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT']
  let stopping = false
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) return
    stopping = true
    stop(signal)
  }

  for (const signal of signals) process.on(signal, handler)
  return () => {
    for (const signal of signals) process.off(signal, handler)
  }
}
