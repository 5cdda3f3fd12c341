import {execa} from 'execa'

export interface ToolResult {
  exitCode: number | undefined
  output: string
}

/** Runs a validator (promtool, amtool, docker-compose) and returns its exit code and everything it printed. */
export async function runTool(binary: string, args: string[], options: {cwd?: string; env?: Record<string, string | undefined>} = {}): Promise<ToolResult> {
  const result = await execa(binary, args, {all: true, cwd: options.cwd, env: options.env, extendEnv: true, reject: false})
  return {exitCode: result.exitCode, output: String(result.all ?? '')}
}

/** The binaries the generated stack is validated with; .ci/run installs them. */
export const STACK_TOOLS = ['promtool', 'amtool', 'docker-compose'] as const
