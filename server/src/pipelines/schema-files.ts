import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { AppError } from '../errors/app-error.ts';
import { MAX_REPO_FILE_BYTES } from '../repo-files/index.ts';

/** The Avro schemas kept beside the connector files: connectors/<topic>-value.avsc. */
export interface SchemaFiles {
  /** `.avsc` file names in connectors/, sorted; [] when the folder does not exist. */
  list(): Promise<string[]>;
  /** The file's text; 404 when absent, 400 for an unsafe name or a path leaving connectors/. */
  read(file: string): Promise<string>;
}

const SCHEMA_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.avsc$/;

export function createSchemaFiles(projectDir: string): SchemaFiles {
  const dir = join(projectDir, 'connectors');
  return {
    async list() {
      try {
        return (await readdir(dir)).filter((name) => SCHEMA_FILE.test(name)).sort();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
    async read(file) {
      if (!SCHEMA_FILE.test(file))
        throw new AppError(
          400,
          'INVALID_FILE_NAME',
          `${JSON.stringify(file)} is not a schema file name (letters, digits, ".", "_", "-", ending in .avsc)`,
        );
      const notFound = () =>
        new AppError(404, 'FILE_NOT_FOUND', `connectors/${file} does not exist in ${projectDir}`, { folder: 'connectors', file });
      let real: string;
      let realDir: string;
      try {
        [real, realDir] = await Promise.all([realpath(join(dir, file)), realpath(dir)]);
      } catch {
        throw notFound();
      }
      if (!real.startsWith(realDir + sep)) throw new AppError(400, 'INVALID_FILE_NAME', `connectors/${file} resolves outside connectors/`);
      const stat = await lstat(real);
      if (!stat.isFile()) throw notFound();
      if (stat.size > MAX_REPO_FILE_BYTES)
        throw new AppError(400, 'FILE_TOO_LARGE', `connectors/${file} is ${stat.size} bytes; the limit is ${MAX_REPO_FILE_BYTES}`);
      return readFile(real, 'utf8');
    },
  };
}
