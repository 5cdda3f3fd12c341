/**
 * Entry point of the detached process started by `startPush`: pushes one command's result to the
 * Pushgateway named by MGIT_MONITORING_PUSHGATEWAY, then exits. Batch-job metrics (last run time,
 * duration, result) under the grouping key {job="mgit", instance, operation}.
 */
import {unlink, writeFile} from 'node:fs/promises'

import {pushCommandResult} from './pushgateway-client.js'
import {PUSH_ERROR_FILE_ENV, PUSH_INSTANCE_ENV, PUSH_PAYLOAD_ENV, type PushPayload, PUSHGATEWAY_ENV} from './push-env.js'

async function main(): Promise<number> {
  const url = process.env[PUSHGATEWAY_ENV]
  const raw = process.env[PUSH_PAYLOAD_ENV]
  if (!url || !raw) return 2
  const file = process.env[PUSH_ERROR_FILE_ENV]
  try {
    await pushCommandResult(url, JSON.parse(raw) as PushPayload, {instance: process.env[PUSH_INSTANCE_ENV]})
    // A stale failure record would mislead whoever looks after this one succeeded.
    if (file) await unlink(file).catch(() => {})
    return 0
  } catch (error) {
    // The message never holds the URL (it may carry credentials): pushCommandResult words its own errors.
    const record = {message: (error as Error).message, time: new Date().toISOString()}
    if (file) await writeFile(file, JSON.stringify(record) + '\n').catch(() => {})
    return 1
  }
}

process.exitCode = await main()
