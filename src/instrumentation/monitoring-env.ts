const TRUTHY = new Set(['1', 'true', 'yes', 'on'])

/** `MGIT_MONITORING_DISABLED=1` turns every hook into a no-op. */
export function monitoringDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.MGIT_MONITORING_DISABLED
  return value !== undefined && TRUTHY.has(value.trim().toLowerCase())
}
