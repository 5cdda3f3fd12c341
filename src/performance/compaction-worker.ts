/** A worker thread of compaction: refreshes the rollups of the segments it is given (see compaction.ts). */
import {parentPort, workerData} from 'node:worker_threads'

import {parseSegmentName} from '../journal/segment-names.js'
import {type WorkerInput, type WorkerOutput, emptyReport, refresh} from './compaction.js'
import {toFile} from './rollup-store.js'

const input = workerData as WorkerInput
const output: WorkerOutput = {report: emptyReport(), results: []}
for (const file of input.segments) {
  const segment = parseSegmentName(file)
  const rollup = segment && (await refresh(input, segment, false, output.report))
  if (rollup) output.results.push({durable: rollup.durable, rollup: toFile(rollup)})
}

parentPort?.postMessage(output)
