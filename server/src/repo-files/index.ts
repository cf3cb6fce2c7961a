export { createRepoFiles, fileVariantOf, fileNameProblem, MAX_REPO_FILE_BYTES, type RepoFiles, type RepoFolder } from './repo-files.ts';
export { parseConnectorFile, type ConnectorFileContent } from './connector-file.ts';
