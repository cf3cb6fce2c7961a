/**
 * Reads and writes the files the wizard owns in the project: sql/<file> and connectors/<file>. File names come
 * only from validated identifiers (domain/wizard-plan/file-names.ts) and are checked again here; a path that would
 * resolve outside its folder, or a symlink, is refused. Writes go to a temp file first, then rename.
 */
import { lstat, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { AppError } from '../errors/app-error.ts';
import { MAX_REPO_FILE_BYTES } from '../repo-files/index.ts';

export type WizardFolder = 'sql' | 'connectors';
const SAFE_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.(sql|json|avsc)$/;

export interface RepoPath {
  folder: WizardFolder;
  file: string;
}

export function repoPath(folder: WizardFolder, file: string): string {
  return `${folder}/${file}`;
}

function absolute(projectDir: string, { folder, file }: RepoPath): string {
  if (!SAFE_FILE.test(file) || file.includes('..'))
    throw new AppError(400, 'INVALID_FILE_NAME', `${JSON.stringify(file)} is not a file name the wizard writes`, { folder, file });
  const dir = resolve(projectDir, folder);
  const path = resolve(dir, file);
  if (!path.startsWith(dir + sep))
    throw new AppError(400, 'INVALID_FILE_NAME', `${folder}/${file} resolves outside ${folder}/`, { folder, file });
  return path;
}

/** The file's text, or null when it does not exist. */
export async function readRepoFile(projectDir: string, target: RepoPath): Promise<string | null> {
  const path = absolute(projectDir, target);
  let stat;
  try {
    stat = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (!stat.isFile())
    throw new AppError(
      409,
      'NOT_A_FILE',
      `${repoPath(target.folder, target.file)} exists but is not a regular file (symlinks and folders are never replaced)`,
      target,
    );
  if (stat.size > MAX_REPO_FILE_BYTES)
    throw new AppError(
      409,
      'FILE_TOO_LARGE',
      `${repoPath(target.folder, target.file)} is ${stat.size} bytes; the limit is ${MAX_REPO_FILE_BYTES}`,
      target,
    );
  return readFile(path, 'utf8');
}

export async function writeRepoFile(projectDir: string, target: RepoPath, content: string): Promise<void> {
  const path = absolute(projectDir, target);
  await mkdir(join(projectDir, target.folder), { recursive: true });
  const temp = `${path}.wizard-${process.pid}-${Date.now()}.tmp`;
  await writeFile(temp, content, 'utf8');
  await rename(temp, path);
}
