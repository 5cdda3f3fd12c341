import {journalOptions} from '../journal/journal-options.js'
import {JournalWriter} from '../journal/journal-writer.js'

const writers = new Map<string, JournalWriter>()

/**
 * The one journal writer of this process for a data directory, shared by the command recorder
 * and the zero-code instrumentation: the first append of a writer lists the journal directory, and
 * the hooks should pay that once per process, not once per recorder.
 */
export function hookJournal(dataDir: string): JournalWriter {
  const options = journalOptions(dataDir)
  const key = `${options.dir}\0${options.maxSegmentBytes}\0${options.retentionDays}`
  let writer = writers.get(key)
  if (writer === undefined) {
    writer = new JournalWriter(options)
    writers.set(key, writer)
  }

  return writer
}
