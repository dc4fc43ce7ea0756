// Running a real n8n beside the control plane: provisioned by scripts/provision-n8n.mjs, started here.
export { startN8n, type N8nExit, type N8nLogStream, type RunningN8n, type StartN8nOptions, type StopN8nOptions } from './n8nProcess.js';
export type { N8nPostgresSettings } from './n8nEnvironment.js';
export {
  bootstrapN8n,
  DEFAULT_API_KEY_LABEL,
  ensureN8nOwner,
  isN8nApiKeyValid,
  mintN8nApiKey,
  type BootstrapN8nOptions,
  type N8nBootstrapResult,
  type N8nOwnerAccount,
} from './n8nBootstrap.js';
export { N8nRestError, type N8nRestSession } from './n8nRestSession.js';
export { defaultN8nRuntimeDir, isN8nRuntimeProvisioned, n8nRuntimePaths, type N8nRuntimePaths } from './n8nRuntimePaths.js';
