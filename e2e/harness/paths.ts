import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));

/** e2e/harness (the committed harness sources, poms and settings). */
export const harnessSourceDir = here;
/** e2e/.harness: jar cache, env.json, pid file (gitignored). HARNESS_CACHE_DIR moves it (e.g. to a CI cache). */
export const harnessStateDir = resolve(process.env.HARNESS_CACHE_DIR ?? join(here, '..', '.harness'));
export const envJsonPath = join(harnessStateDir, 'env.json');
export const envFilePath = join(harnessStateDir, 'env');
export const pidFilePath = join(harnessStateDir, 'harness.pid');
/** The cluster harness (`up --cluster`) keeps its env, pid file and log apart, so both modes can run at once. */
export const clusterStateDir = join(harnessStateDir, 'cluster');
export const clusterEnvJsonPath = join(clusterStateDir, 'env.json');
