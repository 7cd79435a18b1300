#!/usr/bin/env node
// The `comeback` command: runs the TypeScript entry point through tsx, as `npm start` does.
// `export-outcomes` reads the app's database, so it runs from the server layer (docs/cli.md).
import { register } from 'tsx/esm/api';

register();
if (process.argv[2] === 'export-outcomes') await import('../src/server/export-outcomes-cli.ts');
else await import('../src/cli/main.ts');
