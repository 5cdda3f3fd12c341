import type {FlagDefinitions} from './flag-names.js'

/** What the hooks need to know of a command, whether oclif hands over the class or its manifest entry. */
export interface CommandLike {
  id?: string
  pluginName?: string
  plugin?: {name?: string; version?: string}
  flags?: FlagDefinitions
  baseFlags?: FlagDefinitions
}

export interface PluginRegistry {
  plugins: Map<string, {name: string; version: string}>
  topicSeparator: string
}

export interface CommandIdentity {
  cmd: string
  plugin: string
  pluginVersion: string
  flagDefinitions: FlagDefinitions
}

export function commandIdentity(command: CommandLike, registry: PluginRegistry): CommandIdentity {
  const plugin = command.plugin?.name ?? command.pluginName ?? ''
  const pluginVersion = command.plugin?.version ?? registry.plugins.get(plugin)?.version ?? ''
  return {
    // oclif keeps IDs with ':'; record them as users type them (`monitoring metrics`).
    cmd: (command.id ?? '').replaceAll(':', registry.topicSeparator),
    flagDefinitions: {...command.baseFlags, ...command.flags},
    plugin,
    pluginVersion,
  }
}
