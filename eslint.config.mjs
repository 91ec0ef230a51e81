// One flat config for the whole repository: module boundaries by tag (STYLE.md), no I/O in the
// pure domain libraries, type-aware checks for promises, Prettier for formatting.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const ioPackages = [
  'kafkajs',
  '@clickhouse/client',
  'chdb',
  'chdb/*',
  '@grpc/*',
  '@nestjs/*',
  'pino',
  'next',
  'next/*',
  'react',
  'react-dom',
  'prom-client',
];
const nodeIoModules = [
  'net',
  'dgram',
  'fs',
  'fs/promises',
  'http',
  'https',
  'http2',
  'tls',
  'child_process',
  'worker_threads',
  'cluster',
  'dns',
].flatMap((name) => [name, `node:${name}`]);
const testFiles = ['**/*.test.ts', '**/*.test.tsx', '**/*.suite.ts', '**/test/**/*.ts', 'bench/**/*.ts'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'proto/gen/**',
      'web/.next/**',
      'web/next-env.d.ts',
      'data/**',
      '.nx/**',
      '**/*.cjs',
      '**/*.mjs',
      '**/*.mts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx, 'import-x': importX },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'no-console': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain', 'type:testing'],
              bannedExternalImports: ioPackages,
            },
            { sourceTag: 'type:contract', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:testing'] },
            {
              sourceTag: 'type:adapter',
              onlyDependOnLibsWithTags: ['type:domain', 'type:contract', 'type:platform', 'type:testing'],
            },
            {
              sourceTag: 'type:service',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:contract',
                'type:platform',
                'type:adapter',
                'type:testing',
              ],
            },
            // The `sipflow` command is the all-in-one composition root: it alone may compose services.
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:service',
                'type:domain',
                'type:contract',
                'type:platform',
                'type:adapter',
                'type:testing',
              ],
            },
            {
              sourceTag: 'type:web',
              onlyDependOnLibsWithTags: ['type:domain', 'type:contract', 'type:platform', 'type:testing'],
              bannedExternalImports: ['kafkajs', '@clickhouse/client', 'chdb', 'chdb/*', '@nestjs/*'],
            },
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:platform', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['*'] },
            // Deployment checks (images, compose, chart, scale proof) exercise the whole system.
            { sourceTag: 'type:deploy', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
      // Other projects only through their entry point.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@sipflow/*/src/*', '@sipflow/*/src'],
              message: 'Import the project entry point (@sipflow/<name>), not its files.',
            },
          ],
        },
      ],
    },
  },
  {
    // Pure domain libraries: no I/O modules (Node built-ins are outside Nx's project graph, so they
    // need their own rule), no environment, no wall clock for decisions.
    files: ['libs/{sip,ingest,correlation,ladder,auth}/src/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeIoModules.map((name) => ({
            name,
            message: 'Pure domain code does no I/O: take bytes or records as arguments.',
          })),
          patterns: [
            { group: ['@sipflow/*/src/*', '@sipflow/*/src'], message: 'Import the project entry point.' },
            { group: ['@sipflow/testing'], message: 'Test helpers are for tests only.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Configuration arrives as arguments.' },
        { object: 'Date', property: 'now', message: 'Time arrives in the record or as an argument.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Time arrives in the record or as an argument.',
        },
      ],
    },
  },
  {
    // libs/testing is importable only from tests.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: [...testFiles, 'libs/testing/**', 'libs/{sip,ingest,correlation,ladder,auth}/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@sipflow/*/src/*', '@sipflow/*/src'],
              message: 'Import the project entry point (@sipflow/<name>), not its files.',
            },
            { group: ['@sipflow/testing'], message: 'Test helpers are for tests only.' },
          ],
        },
      ],
    },
  },
  {
    // The CLI writes to the terminal on purpose; so do benchmarks.
    files: ['services/cli/**/*.ts', 'bench/**/*.ts', 'deploy/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
