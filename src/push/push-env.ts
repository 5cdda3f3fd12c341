/** Environment shared by the hook that starts a push and the detached process that makes it. */
export const PUSHGATEWAY_ENV = 'MGIT_MONITORING_PUSHGATEWAY'
/** Overrides the `instance` grouping label (default: the host name). */
export const PUSH_INSTANCE_ENV = 'MGIT_MONITORING_PUSH_INSTANCE'
/** The command's result, as JSON, for the detached process. */
export const PUSH_PAYLOAD_ENV = 'MGIT_MONITORING_PUSH_PAYLOAD'
/** Where the detached process records its last failure (it has no terminal to print to). */
export const PUSH_ERROR_FILE_ENV = 'MGIT_MONITORING_PUSH_ERROR_FILE'

export interface PushPayload {
  operation: string
  success: boolean
  exitCode: number
  errorCategory: string
  durationMs: number
  /** Epoch milliseconds when the command ended. */
  ts: number
}
