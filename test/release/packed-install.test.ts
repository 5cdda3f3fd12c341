import {expect} from 'chai'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {createBareRepos} from '../helpers/git-repos.js'
import {HostCli, PLUGIN_ROOT} from '../helpers/host-cli.js'
import {startHostServer} from '../helpers/host-server.js'
import {type PackedPlugin, packPlugin} from '../helpers/packed-plugin.js'
import {makeTempDir} from '../helpers/temp-dir.js'

interface PluginListing {
  name: string
  root: string
  type: string
  version: string
}

/**
 * A release as a user gets it: `npm pack`, then `mgit plugins install` of the tarball into the
 * host on a clean data directory (npm fetches the runtime dependencies from the registry).
 */
describe('the packed plugin installed into mgit from its tarball', function () {
  let host: HostCli
  let packed: PackedPlugin
  let packDir: {path: string; cleanup: () => void}
  // An installed plugin must not need the linked-plugin warning switched off.
  const env = {OCLIF_DISABLE_LINKED_ESM_WARNING: undefined}

  before(async function () {
    this.timeout(300_000)
    packDir = makeTempDir('mgit-pack-')
    packed = await packPlugin(packDir.path)
    host = new HostCli()
    // plugin-plugins reads an absolute path as a GitHub repository; a file: URL is a tarball.
    const install = await host.run(['plugins', 'install', `file:${packed.tarball}`], {env})
    expect(install.exitCode, install.stderr).to.equal(0)
  })

  after(function () {
    host?.cleanup()
    packDir?.cleanup()
  })

  it('ships only the compiled code, the manifest, the README and the docs', function () {
    const unexpected = packed.files.filter((path) => !/^(dist\/.+\.(js|d\.ts)|docs\/.+\.md|bin\/run\.js|oclif\.manifest\.json|README\.md|package\.json|LICENSE)$/.test(path))
    expect(unexpected).to.deep.equal([])
    for (const required of ['dist/index.js', 'dist/hooks/bundle.js', 'oclif.manifest.json', 'README.md', 'docs/monitoring/README.md']) {
      expect(packed.files).to.include(required)
    }

    expect(packed.files.some((path) => path.startsWith('src/') || path.startsWith('test/') || path.endsWith('.map'))).to.equal(false)
  })

  it('has a manifest that matches its version and lists every command', function () {
    const pkg = JSON.parse(readFileSync(join(PLUGIN_ROOT, 'package.json'), 'utf8')) as {version: string}
    const manifest = JSON.parse(readFileSync(join(PLUGIN_ROOT, 'oclif.manifest.json'), 'utf8')) as {version: string; commands: Record<string, unknown>}
    expect(packed.version).to.equal(pkg.version)
    expect(manifest.version).to.equal(pkg.version)
    expect(Object.keys(manifest.commands)).to.include.members(['monitoring:health', 'monitoring:metrics', 'monitoring:server'])
  })

  it('is installed as a user plugin from the data directory, not linked to this checkout', async function () {
    const result = await host.run(['plugins', '--json'], {env})
    expect(result.exitCode, result.stderr).to.equal(0)
    const plugins = JSON.parse(result.stdout) as PluginListing[]
    const plugin = plugins.find((p) => p.name === '@mgit/plugin-monitoring')
    expect(plugin, result.stdout).to.not.equal(undefined)
    expect(plugin).to.include({type: 'user', version: packed.version})
    expect(plugin!.root.startsWith(host.dataDir)).to.equal(true)
  })

  it('instruments a real command and shows it in monitoring metrics', async function () {
    host.clearJournal()
    const source = join(host.root, 'org')
    await createBareRepos(source, 2)
    const clone = await host.run(['clone-all', 'acme', join(host.root, 'clones'), '--source', source], {env})
    expect(clone.exitCode, clone.stderr).to.equal(0)
    expect(clone.stderr).to.equal('')
    const {ends} = await host.journal()
    expect(ends.map((e) => e.cmd)).to.deep.equal(['clone-all'])

    const metrics = await host.run(['monitoring', 'metrics'], {env})
    expect(metrics.exitCode, metrics.stderr).to.equal(0)
    expect(metrics.stdout).to.match(/^mgit_operations_success_total\{operation="clone-all"\} 1$/m)
    expect(metrics.stdout).to.match(/^mgit_git_operations_total\{error_category="none",operation="clone",provider="other",result="success"\} 2$/m)
  })

  it('answers monitoring health', async function () {
    const result = await host.run(['monitoring', 'health', '--scope', 'ready', '--json'], {env})
    expect(result.exitCode, result.stderr).to.equal(0)
    const report = JSON.parse(result.stdout) as {status: string; checks: Record<string, unknown>}
    expect(report.status).to.be.oneOf(['pass', 'warn'])
    expect(Object.keys(report.checks)).to.include.members(['system', 'git', 'disk', 'journal'])
  })

  it('serves metrics, probes and its page from monitoring server', async function () {
    const server = await startHostServer(host, [], env)
    try {
      const page = await fetch(`${server.url}/`)
      expect(page.status).to.equal(200)
      expect(await page.text()).to.contain('<title>mgit monitoring</title>')
      const metrics = await (await fetch(`${server.url}/metrics`)).text()
      expect(metrics).to.match(/^mgit_operations_total\{operation="clone-all"\} 1$/m)
      expect((await fetch(`${server.url}/health/live`)).status).to.equal(200)
      expect((await fetch(`${server.url}/health/ready`)).status).to.equal(200)
    } finally {
      const {exitCode} = await server.stop()
      expect(exitCode).to.equal(0)
    }
  })
})
