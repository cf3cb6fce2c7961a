export { parseEnvFile } from './env-file.ts';
export { interpolate } from './interpolate.ts';
export { parseCompose, type ComposeModel, type ComposeService, type ComposeDependency } from './parse.ts';
export { loadComposeFile, readDotEnv } from './load.ts';
export { normalizeProjectName, resolveProjectName } from './project-name.ts';
export { ComposeSource, type ComposeLoad } from './source.ts';
export { runCompose, type ComposeTarget } from './cli.ts';
