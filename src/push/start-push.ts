/**
 * Called from the `finally` hook: hands the command's result to a detached Node.js process that
 * pushes it to the Pushgateway, so that the command never waits on the network. Built-ins only
 * (no prom-client here: it costs ~50 ms to import), and it never throws.
 */
import {spawn} from 'node:child_process'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import type {CommandEndEvent} from '../journal/event-types.js'
import {PUSH_ERROR_FILE_ENV, PUSH_INSTANCE_ENV, PUSH_PAYLOAD_ENV, type PushPayload, PUSHGATEWAY_ENV} from './push-env.js'

const PUSH_SCRIPT = fileURLToPath(new URL('../push/push-result.js', import.meta.url))
/** Passed through so that TLS to a private Pushgateway works; nothing else of the environment (it may hold tokens). */
const PASS_THROUGH = ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', PUSH_INSTANCE_ENV]

export function startPush(event: CommandEndEvent, dataDir: string, env: NodeJS.ProcessEnv = process.env): void {
  const url = env[PUSHGATEWAY_ENV]
  if (!url || event.kind !== 'command' || event.cmd === '') return
  try {
    const payload: PushPayload = {
      durationMs: event.durationMs,
      errorCategory: event.errorCategory,
      exitCode: event.exitCode,
      operation: event.cmd,
      success: event.success,
      ts: event.ts,
    }
    const childEnv: NodeJS.ProcessEnv = {
      [PUSH_ERROR_FILE_ENV]: join(dataDir, 'monitoring', 'pushgateway-last-error.json'),
      [PUSH_PAYLOAD_ENV]: JSON.stringify(payload),
      [PUSHGATEWAY_ENV]: url,
    }
    for (const name of PASS_THROUGH) if (env[name] !== undefined) childEnv[name] = env[name]
    const child = spawn(process.execPath, [PUSH_SCRIPT], {detached: true, env: childEnv, stdio: 'ignore'})
    child.on('error', () => {})
    child.unref()
  } catch {
    // No push is better than a failed command.
  }
}
