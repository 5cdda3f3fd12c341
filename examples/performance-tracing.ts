/**
 * How mgit's own code times its work with the tracing API, and how `mgit monitoring performance`
 * then reports it: a bulk operation traced with `traceOperation`, each repository's step with the
 * `@monitorPerformance` decorator (children of the bulk span), and a manual `startTrace`/`endTrace`.
 *
 * Usage (after `npm run build` and compiling the examples):
 *   MGIT_DATA_DIR=/tmp/mgit-example node build/examples/performance-tracing.js
 *   MGIT_DATA_DIR=/tmp/mgit-example mgit monitoring performance --operation span:sync_repository
 */
import {endTrace, monitorPerformance, startTrace, traceOperation} from '@mgit/plugin-monitoring'
import {setTimeout as sleep} from 'node:timers/promises'

class RepositorySync {
  /** Every call becomes a `span:sync_repository` operation on GitHub, nested in the caller's trace. */
  @monitorPerformance('sync_repository', {provider: 'github'})
  async sync(name: string): Promise<string> {
    await sleep(5 + name.length)
    if (name === 'broken') throw new Error(`cannot sync ${name}`)
    return name
  }
}

// Events go to mgit's data directory (MGIT_DATA_DIR moves it), like the hooks' own.
const sync = new RepositorySync()
const names = ['api', 'web', 'docs', 'broken']

// The bulk operation: its children run concurrently and still name it as their parent.
const results = await traceOperation('bulk_sync', () => Promise.allSettled(names.map((name) => sync.sync(name))), {provider: 'github'})

// Manual timing for work that does not fit in one function.
const id = startTrace('write_summary')
const synced = results.filter((r) => r.status === 'fulfilled').length
await sleep(2)
const ms = endTrace(id) ?? 0
console.log(`synced ${synced} of ${names.length}`)
console.error(`summary took ${ms.toFixed(1)} ms`)
