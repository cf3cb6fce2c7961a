export { parseEnvFile } from './env-file.ts';
export { interpolate } from './interpolate.ts';
export { parseCompose } from './parse.ts';
export type { ComposeModel, ComposeModelSource, ComposeService, ComposeDependency, ComposePort } from './model.ts';
export { loadComposeProject, readDotEnv } from './load.ts';
export { dockerComposeCli, modelFromConfig, COMPOSE_CONFIG_TIMEOUT_MS, type ComposeConfigCli } from './cli-model.ts';
export { normalizeProjectName, resolveProjectName } from './project-name.ts';
export { ComposeSource, type ComposeLoad, type ComposeSourceOptions } from './source.ts';
export { runCompose, type ComposeTarget } from './cli.ts';
