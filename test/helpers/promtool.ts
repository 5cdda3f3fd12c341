import {execa} from 'execa'

/** `promtool check metrics` on an exposition: its exit code and everything it printed. */
export async function promtoolCheckMetrics(text: string): Promise<{exitCode: number | undefined; output: string}> {
  const result = await execa('promtool', ['check', 'metrics'], {all: true, input: text, reject: false})
  return {exitCode: result.exitCode, output: String(result.all ?? '')}
}
