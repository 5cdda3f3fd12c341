export {defaultDataDir} from './data-dir.js'
export {
  type AuthenticationOptions,
  type GitOperationOptions,
  type MgitOperationOptions,
  type MonitorDecorator,
  type ProviderApiCallOptions,
  monitorAuthentication,
  monitorGitOperation,
  monitorMgitOperation,
  monitorProviderApiCall,
} from './monitors.js'
export {type MonitoringOptions, configureMonitoring} from './recorder.js'
