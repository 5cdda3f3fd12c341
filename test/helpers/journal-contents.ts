import type {BaseEvent, CommandEndEvent, CommandStartEvent} from '../../src/journal/event-types.js'
import {type ReadStats, readJournal} from '../../src/journal/journal-reader.js'

export interface JournalContents {
  events: BaseEvent[]
  stats: ReadStats
  starts: CommandStartEvent[]
  ends: CommandEndEvent[]
}

/** Reads a whole journal directory into memory (tests only: journals there are small). */
export async function readAll(dir: string): Promise<JournalContents> {
  const events: BaseEvent[] = []
  const {stats} = await readJournal(dir, (event) => events.push(event))
  return {
    ends: events.filter((e): e is CommandEndEvent => e.type === 'command_end'),
    events,
    starts: events.filter((e): e is CommandStartEvent => e.type === 'command_start'),
    stats,
  }
}
