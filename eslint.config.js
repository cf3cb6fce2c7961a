// Lint for the whole workspace: typescript-eslint's recommended rules, React hooks rules for the web, and the
// import boundaries that keep the architecture one-way (see README "Repository layout").
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const server = './server/src';
/** One module per external system; they may use domain/, never services or routes. */
const clients = ['kafka', 'registry', 'connect', 'clickhouse', 'docker', 'compose', 'repo-files'].map((d) => `${server}/${d}`);
/** Operations over the clients. */
const services = ['services', 'smoke', 'reset', 'wizard', 'pipelines', 'probes', 'operations'].map((d) => `${server}/${d}`);
const webFeatures = readdirSync('./web/src/features', { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

const layerZones = [
  ...clients.map((target) => ({
    target,
    from: [...services, `${server}/routes`],
    message: 'Clients (one module per external system) never import services or routes.',
  })),
  ...services.map((target) => ({ target, from: `${server}/routes`, message: 'Services never import routes.' })),
  {
    target: `${server}/routes`,
    from: clients,
    message: 'Routes only translate HTTP: call a service (server/src/services/), take types from contracts/.',
  },
];
const domainZone = {
  target: `${server}/domain`,
  from: server,
  except: ['./domain', './contracts'],
  message: 'domain/ is pure: it imports only domain/ and contracts/.',
};
const serverZones = [domainZone, ...layerZones];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'e2e/.harness/**', 'e2e/test-results/**', 'e2e/playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-control-regex': 'off',
      'import-x/no-restricted-paths': ['error', { zones: serverZones }],
    },
  },
  {
    // A domain test may build its input with a client's parser; the code under test stays pure.
    files: ['server/src/domain/**/*.test.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones }] },
  },
  {
    files: ['e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // Playwright fixtures that use no other fixture must destructure an empty object.
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@pipeline-panel/server/(?!contracts$)',
              message: 'The web takes only the API contracts from the server (@pipeline-panel/server/contracts).',
            },
          ],
        },
      ],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...webFeatures.map((feature) => ({
              target: `./web/src/features/${feature}`,
              from: './web/src/features',
              except: [`./${feature}`],
              message: 'Features do not import each other: move what they share to components/ or lib/.',
            })),
            {
              target: ['./web/src/components', './web/src/lib'],
              from: ['./web/src/features', './web/src/app'],
              message: 'Shared code (components/, lib/) never imports features or the app shell.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
