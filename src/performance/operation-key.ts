/**
 * Which journal events are timed operations, and under which key. An operation is identified
 * by its kind and name (`git:clone`, `command:clone-all`) and, separately, by provider, so that
 * the same operation is compared with its own history on each provider.
 *
 * | event           | operation id                       | provider        | success                 |
 * | --------------- | ---------------------------------- | --------------- | ----------------------- |
 * | `command_end`   | `command:<cmd>` (real commands only; help, version and unknown commands are not timed work) | none | `success` |
 * | `git_operation` | `git:<operation>`                  | the event's     | `success`               |
 * | `api_request`   | `api:<METHOD> <endpoint template>` | the event's     | `errorCategory` is none |
 * | `span`          | `span:<name>` (traceOperation, monitorMgitOperation) | the event's, if any | `success` |
 * | `auth_attempt`  | `auth:login`                       | the event's     | `success`               |
 *
 * `command_start` and `repository_result` carry no duration and are not operations.
 */
import type {BaseEvent} from '../journal/event-types.js'

export type OperationKind = 'api' | 'auth' | 'command' | 'git' | 'span'

export interface OperationSample {
  /** `kind:name`, the id `--operation` takes. */
  operation: string
  /** Provider type, or '' when the operation has none (commands, spans without one). */
  provider: string
  durationMs: number
  success: boolean
}

interface Loose extends BaseEvent {
  [field: string]: unknown
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined
}

/** The operation an event times, or undefined for events that are not timed operations. */
export function operationSample(event: BaseEvent): OperationSample | undefined {
  const e = event as Loose
  const durationMs = e.durationMs
  if (typeof durationMs !== 'number' || !Number.isFinite(durationMs)) return undefined
  const provider = str(e.provider) ?? ''
  switch (e.type) {
    case 'command_end': {
      const cmd = str(e.cmd)
      if (cmd === undefined || (e.kind !== undefined && e.kind !== 'command')) return undefined
      return {durationMs, operation: `command:${cmd}`, provider: '', success: e.success === true}
    }

    case 'git_operation': {
      const operation = str(e.operation)
      return operation === undefined ? undefined : {durationMs, operation: `git:${operation}`, provider, success: e.success === true}
    }

    case 'api_request': {
      const method = str(e.method)
      const endpoint = str(e.endpoint)
      if (method === undefined || endpoint === undefined) return undefined
      return {durationMs, operation: `api:${method} ${endpoint}`, provider, success: e.errorCategory === 'none'}
    }

    case 'span': {
      const name = str(e.name)
      return name === undefined ? undefined : {durationMs, operation: `span:${name}`, provider, success: e.success === true}
    }

    case 'auth_attempt': {
      return {durationMs, operation: 'auth:login', provider, success: e.success === true}
    }

    default: {
      return undefined
    }
  }
}

/** One string per operation and provider (the unit statistics and baselines are kept for). */
export function seriesKey(operation: string, provider: string): string {
  return `${operation}\t${provider}`
}

export function splitSeriesKey(key: string): {operation: string; provider: string} {
  const tab = key.lastIndexOf('\t')
  return {operation: key.slice(0, tab), provider: key.slice(tab + 1)}
}
