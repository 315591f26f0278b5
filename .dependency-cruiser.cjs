/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A module reaches another only through ports wired at composition (src/modules.ts); a value import back would load the two as one.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'db-and-core-know-no-module',
      severity: 'error',
      comment:
        'The database layer and core serve every module and import none, not even for types: the table types are composed in src/database.ts, the lists of migrations and sealed columns in src/modules.ts.',
      from: { path: '^src/(db|core)/' },
      to: { path: '^src/(?!db/|core/|shared/)' },
    },
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment:
        'src/shared is built into both the server and the staff app: it may import only itself (no node builtins, no npm package, no server or web module).',
      from: { path: '(^|/)src/shared/' },
      to: { pathNot: '(^|/)src/shared/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
