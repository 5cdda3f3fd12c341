import {expect} from 'chai'
import {appendFileSync, mkdirSync, readdirSync, writeFileSync} from 'node:fs'
import {type Server, createServer} from 'node:net'
import {join} from 'node:path'

import {HostCli} from '../helpers/host-cli.js'

/** One mistake a new user can make, and what they must see. */
interface UserError {
  title: string
  args: string[]
  /** Prepares the mistake (a broken file, a busy port) in the host's directories. */
  setup?: (host: HostCli) => void | Promise<void>
  exitCode: number
  /** The one line that tells the user what is wrong, on standard error. */
  message: RegExp
}

/** oclif wraps long messages at 80 columns behind ` ›   `; a user reads them as one line. */
function unwrap(text: string): string {
  return text.replaceAll(/ *\n ›\s+/g, ' ')
}

const STACK_FRAME = /^\s+at .+[(:]\d+/m

/**
 * Every error a user can cause, tried once through the real host as a new user would: each gives
 * a clear message on standard error, a non-zero exit code, no stack trace, and loses nothing
 * already recorded.
 */
describe('errors a user can cause', function () {
  let host: HostCli
  let busy: Server
  let busyPort = 0

  before(async function () {
    host = new HostCli()
    await host.linkPlugin()
    busy = createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    busyPort = (busy.address() as {port: number}).port
  })

  after(async function () {
    await new Promise((resolve) => busy?.close(resolve))
    host?.cleanup()
  })

  const cases: UserError[] = [
    {args: ['monitoring', 'metrics', '--format', 'xml'], exitCode: 2, message: /Expected --format=xml to be one of: prometheus, openmetrics, json/, title: 'an unknown metrics format'},
    {args: ['monitoring', 'health', '--bogus'], exitCode: 2, message: /Nonexistent flag: --bogus/, title: 'a flag that does not exist'},
    {args: ['monitoring', 'health', '--scope', 'everything'], exitCode: 2, message: /Expected --scope=everything to be one of: live, ready, full/, title: 'an unknown health scope'},
    {args: ['monitoring', 'health', '--timeout', '-5'], exitCode: 2, message: /Expected an integer greater than or equal to 1 but received: -5/, title: 'a negative timeout'},
    {args: ['monitoring', 'server', '--port', '70000'], exitCode: 2, message: /Expected an integer less than or equal to 65535 but received: 70000/, title: 'a port out of range'},
    {args: ['monitoring', 'server', '--port', 'http'], exitCode: 2, message: /Expected an integer but received: http/, title: 'a port that is not a number'},
    {args: ['monitoring', 'server', '--auth-token', ' '], exitCode: 2, message: /the auth token is empty/, title: 'an empty auth token'},
    {
      args: ['monitoring', 'server', '--port', 'BUSY'],
      exitCode: 1,
      message: /cannot listen on 127\.0\.0\.1:\d+: the port is already in use/,
      title: 'a port already in use',
    },
    {args: ['monitoring', 'server', '--host', '203.0.113.7', '--port', '0'], exitCode: 1, message: /cannot listen on 203\.0\.113\.7:0: no such local address/, title: 'an address this machine does not have'},
    {
      args: ['monitoring', 'metrics', '--output', 'FILE/metrics.prom'],
      exitCode: 1,
      message: /cannot write metrics to .+metrics\.prom: a part of the path is not a directory/,
      title: 'an output folder that is a file',
    },
    {
      args: ['monitoring', 'metrics', '--output', 'MISSING/metrics.prom'],
      exitCode: 1,
      message: /cannot write metrics to .+metrics\.prom: no such file or directory/,
      title: 'an output folder that does not exist',
    },
    {
      args: ['monitoring', 'health', '--scope', 'full'],
      exitCode: 1,
      message: /FAIL providers: .+config\.yaml is not valid YAML at line 2/,
      setup: (h) => writeFileSync(join(h.configDir, 'config.yaml'), 'providers: [\n  bad'),
      title: 'a config.yaml that is not YAML (reported on stdout by the failing check)',
    },
    {
      args: ['monitoring', 'health', '--scope', 'full'],
      exitCode: 1,
      message: /FAIL providers: cannot read .+config\.yaml \(EISDIR\)/,
      setup: (h) => mkdirSync(join(h.configDir, 'config.yaml')),
      title: 'a config.yaml that cannot be read',
    },
    {
      args: ['monitoring', 'generate-config', '--output', 'FILE'],
      exitCode: 1,
      message: /cannot create the output folder .+a-file: a file of that name exists/,
      title: 'a generate-config output folder that is a file',
    },
    {
      args: ['monitoring', 'generate-config', '--output', 'STACK'],
      exitCode: 1,
      message: /already exist: use --force to overwrite/,
      setup: async (h) => {
        await h.run(['monitoring', 'generate-config', '--output', join(h.root, 'stack')])
      },
      title: 'a generate-config output folder that already holds a stack',
    },
    {args: ['monitoring', 'generate-config', '--output', 'STACK2', '--target', 'http://x y'], exitCode: 2, message: /invalid --target "http:\/\/x y": use host:port/, title: 'a scrape target that is not host:port'},
    {args: ['monitoring', 'generate-config'], exitCode: 2, message: /Missing required flag output/, title: 'generate-config without --output'},
    {args: ['monitoring', 'performance', '--hours', '0'], exitCode: 2, message: /--hours must be a positive whole number of hours, got 0/, title: 'an empty performance window'},
    {args: ['monitoring', 'performance', '--hours', '-3'], exitCode: 2, message: /--hours must be a positive whole number of hours, got -3/, title: 'a negative performance window'},
    {args: ['monitoring', 'performance', '--baseline-days', '0'], exitCode: 2, message: /--baseline-days must be a whole number of days from 1 to 366, got 0/, title: 'an empty baseline'},
    {args: ['monitoring', 'performance', '--operation', 'statu'], exitCode: 2, message: /unknown operation "statu" .*did you mean: command:status/, title: 'a mistyped operation (close names suggested)'},
    {args: ['monitoring', 'performance', '--provider', 'gitlab'], exitCode: 2, message: /Expected --provider=gitlab to be one of: github, azuredevops, bitbucket, other/, title: 'a provider the plugin does not know'},
    {args: ['monitoring', 'nonsense'], exitCode: 2, message: /command monitoring.nonsense not found/, title: 'a command that does not exist'},
  ]

  for (const c of cases) {
    it(`${c.title}: exit ${c.exitCode} and one clear line`, async function () {
      host.clearJournal()
      await host.run(['status', host.root])
      const recorded = (await host.journal()).events.length
      await c.setup?.(host)
      const args = c.args.map((arg) => arg
        .replace('BUSY', String(busyPort))
        .replace('FILE', join(host.root, 'a-file'))
        .replace('MISSING', join(host.root, 'missing', 'dir'))
        .replace('STACK2', join(host.root, 'stack2'))
        .replace('STACK', join(host.root, 'stack')))
      writeFileSync(join(host.root, 'a-file'), '')
      try {
        const result = await host.run(args)
        const output = unwrap(`${result.stderr}\n${result.stdout}`)
        expect(result.exitCode, output).to.equal(c.exitCode)
        expect(output).to.match(c.message)
        expect(output, 'no stack trace').not.to.match(STACK_FRAME)
        // Nothing recorded before the mistake is lost, and the mistake itself is recorded.
        const after = await host.journal()
        expect(after.stats.corrupt).to.equal(0)
        expect(after.events.length).to.be.greaterThan(recorded)
        expect(after.ends.at(-1)).to.include({exitCode: c.exitCode, success: false})
      } finally {
        host.clearConfig()
      }
    })
  }

  it('a corrupt journal: a warning naming the folder, the good lines still counted, exit 0', async function () {
    host.clearJournal()
    await host.run(['status', host.root])
    const [segment] = readdirSync(host.journalDir).map((name) => join(host.journalDir, name))
    appendFileSync(segment, '{"v":1,"type":"command_end",garb\n\u0000\u0001 not json\n')
    await host.run(['status', host.root])
    const result = await host.run(['monitoring', 'metrics'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(unwrap(result.stderr)).to.match(/Warning: skipped 2 corrupt journal line\(s\) in .+journal/)
    expect(result.stderr).not.to.match(STACK_FRAME)
    expect(result.stdout).to.match(/^mgit_operations_total\{operation="status"\} 2$/m)
  })
})
