import {expect} from 'chai'
import {execa} from 'execa'
import {readFileSync, readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'

import {ROUTES} from '../../src/server/routes.js'
import {PLUGIN_ROOT} from '../helpers/host-cli.js'

const GUIDE = join(PLUGIN_ROOT, 'docs/monitoring/README.md')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : []
  })
}

/** The user guide must describe what the code does: every command, metric, endpoint and setting. */
describe('the user guide (docs/monitoring/README.md)', function () {
  const guide = readFileSync(GUIDE, 'utf8')

  it('has the metric table the catalog generates', async function () {
    const result = await execa('node', [join(PLUGIN_ROOT, 'scripts/metrics-reference.js'), '--check'], {reject: false})
    expect(result.exitCode, result.stderr).to.equal(0)
  })

  it('has a section with examples for every command', function () {
    const manifest = JSON.parse(readFileSync(join(PLUGIN_ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, unknown>}
    for (const id of Object.keys(manifest.commands)) {
      expect(guide, id).to.contain(`### \`mgit ${id.replaceAll(':', ' ')}\``)
    }
  })

  it('lists every endpoint of the server', function () {
    for (const route of ROUTES) expect(guide, route.path).to.contain(`| \`${route.path}\` |`)
  })

  it('documents every MGIT_ environment variable the code reads', function () {
    const names = new Set(sourceFiles(join(PLUGIN_ROOT, 'src')).flatMap((file) => readFileSync(file, 'utf8').match(/MGIT_[A-Z0-9_]*[A-Z0-9]/g) ?? []))
    names.delete('MGIT_HEALTH') // the prefix, in messages
    const missing = [...names].filter((name) => !guide.includes(`\`${name}\``) && !guide.includes(`${name}\``))
    expect(missing).to.deep.equal([])
  })

  it('has no section left to write', function () {
    expect(guide).not.to.match(/<!-- (performance|generate-config|rollups)[a-z-]* -->/)
    expect(guide).not.to.match(/\bTODO\b|\bTBD\b/)
  })

  it('links only to files that exist', function () {
    const links = [...guide.matchAll(/\]\(([^)#:]+)(#[^)]*)?\)/g)].map((m) => m[1])
    expect(links.length).to.be.greaterThan(5)
    for (const link of links) expect(() => statSync(join(PLUGIN_ROOT, 'docs/monitoring', link)), link).not.to.throw()
  })
})
