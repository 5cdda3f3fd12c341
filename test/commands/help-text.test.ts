import {expect} from 'chai'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {HostCli, PLUGIN_ROOT} from '../helpers/host-cli.js'

interface ManifestFlag {
  description?: string
  summary?: string
}

interface ManifestCommand {
  description?: string
  summary?: string
  examples?: unknown[]
  flags: Record<string, ManifestFlag>
}

function manifestCommands(): Array<[string, ManifestCommand]> {
  const manifest = JSON.parse(readFileSync(join(PLUGIN_ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, ManifestCommand>}
  return Object.entries(manifest.commands)
}

/** oclif's help is the user's manual: every command and every flag must say what it does. */
describe('help text of every command', function () {
  const commands = manifestCommands()

  it('the manifest lists the monitoring commands', function () {
    expect(commands.map(([id]) => id)).to.include.members(['monitoring:health', 'monitoring:metrics', 'monitoring:server'])
  })

  for (const [id, command] of commands) {
    it(`${id}: a description, examples and a description on every flag`, function () {
      expect(command.description ?? command.summary, `${id} description`).to.be.a('string').and.have.length.greaterThan(40)
      expect(command.examples, `${id} examples`).to.be.an('array').that.is.not.empty
      for (const [name, flag] of Object.entries(command.flags)) {
        expect(flag.description ?? flag.summary, `${id} --${name}`).to.be.a('string').and.not.equal('')
      }
    })
  }

  it('renders through the host: `mgit monitoring --help` lists each command, `--help` of each shows its examples', async function () {
    const host = new HostCli()
    try {
      await host.linkPlugin()
      const topic = await host.run(['monitoring', '--help'])
      expect(topic.exitCode, topic.stderr).to.equal(0)
      for (const [id, command] of commands) {
        const spaced = id.replaceAll(':', ' ')
        expect(topic.stdout).to.contain(spaced)
        const help = await host.run([...spaced.split(' '), '--help'])
        expect(help.exitCode, help.stderr).to.equal(0)
        expect(help.stdout).to.contain('EXAMPLES')
        for (const flag of Object.keys(command.flags)) expect(help.stdout, `${id} --${flag}`).to.contain(`--${flag}`)
      }
    } finally {
      host.cleanup()
    }
  })
})
