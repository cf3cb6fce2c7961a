import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import { AppError } from '../errors/app-error.ts';

/** Files in sql/ and connectors/ are small; anything bigger is not one of ours. */
export const MAX_REPO_FILE_BYTES = 1024 * 1024;
const FILE_NAME = /^[A-Za-z0-9._-]+$/;

export type RepoFolder = 'sql' | 'connectors';
const EXTENSION: Record<RepoFolder, string> = { sql: '.sql', connectors: '.json' };

export interface RepoFiles {
  /** Names of the folder's files with its extension, sorted; [] when the folder does not exist. */
  list(folder: RepoFolder): Promise<string[]>;
  /** Reads one file by name; 400 for an unsafe name, 404 when absent. */
  read(folder: RepoFolder, file: string): Promise<string>;
}

export function fileNameProblem(folder: RepoFolder, file: string): string | null {
  const ext = EXTENSION[folder];
  if (!FILE_NAME.test(file)) return `file name ${JSON.stringify(file)} may only contain letters, digits, ".", "_" and "-" (no slashes)`;
  if (!file.endsWith(ext) || file.length === ext.length) return `file name ${JSON.stringify(file)} must end with ${ext}`;
  if (file.startsWith('.')) return `file name ${JSON.stringify(file)} must not start with "."`;
  return null;
}

/**
 * The file set a compose file goes with: `docker-compose.<variant>.yml` (or `compose.<variant>.yaml`) reads
 * sql/<variant>/ and connectors/<variant>/ when the project has either folder (docker-compose.cluster.yml →
 * sql/cluster/, connectors/cluster/); any other compose file reads sql/ and connectors/ (null).
 */
export function fileVariantOf(composeFile: string, hasFolder: (relativePath: string) => boolean): string | null {
  const variant = /^(?:docker-)?compose\.([A-Za-z0-9_-]+)\.ya?ml$/.exec(basename(composeFile))?.[1];
  if (!variant) return null;
  return hasFolder(join('sql', variant)) || hasFolder(join('connectors', variant)) ? variant : null;
}

/**
 * Reads the project's sql/ and connectors/ folders (or their `variant` subfolders, see fileVariantOf); names are
 * checked and paths must resolve inside the folder.
 */
export function createRepoFiles(projectDir: string, options: { variant?: string | null } = {}): RepoFiles {
  const relative = (folder: RepoFolder) => (options.variant ? join(folder, options.variant) : folder);
  const folderPath = (folder: RepoFolder) => join(projectDir, relative(folder));
  return {
    async list(folder) {
      let names: string[];
      try {
        names = await readdir(folderPath(folder));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      return names.filter((name) => fileNameProblem(folder, name) === null).sort();
    },
    async read(folder, file) {
      const problem = fileNameProblem(folder, file);
      if (problem) throw new AppError(400, 'INVALID_FILE_NAME', problem, { folder, file });
      const dir = folderPath(folder);
      const path = join(dir, file);
      const notFound = () =>
        new AppError(404, 'FILE_NOT_FOUND', `${relative(folder)}/${file} does not exist in ${projectDir}`, { folder, file });
      let real: string;
      let realDir: string;
      try {
        [real, realDir] = await Promise.all([realpath(path), realpath(dir)]);
      } catch {
        throw notFound();
      }
      // A symlink pointing out of the folder is refused like a traversal.
      if (!real.startsWith(realDir + sep))
        throw new AppError(400, 'INVALID_FILE_NAME', `${relative(folder)}/${file} resolves outside ${relative(folder)}/`, { folder, file });
      const stat = await lstat(real);
      if (!stat.isFile()) throw notFound();
      if (stat.size > MAX_REPO_FILE_BYTES)
        throw new AppError(
          400,
          'FILE_TOO_LARGE',
          `${relative(folder)}/${file} is ${stat.size} bytes; the limit is ${MAX_REPO_FILE_BYTES}`,
          {
            folder,
            file,
          },
        );
      return readFile(real, 'utf8');
    },
  };
}
