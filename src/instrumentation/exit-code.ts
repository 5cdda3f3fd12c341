/**
 * oclif's `finally` hook gets the error but no exit code. oclif errors carry theirs in
 * `error.oclif.exit` (including `this.exit(n)`, an ExitError); any other throw exits 1;
 * without an error, a command may still have set `process.exitCode` (as `--json` failures do).
 */
export function deriveExitCode(error: unknown, processExitCode: number | string | undefined): number {
  if (error !== undefined && error !== null) {
    const exit = (error as {oclif?: {exit?: unknown}}).oclif?.exit
    return typeof exit === 'number' && Number.isInteger(exit) ? exit : 1
  }

  const code = Number(processExitCode ?? 0)
  return Number.isInteger(code) ? code : 1
}
