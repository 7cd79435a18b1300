#!/usr/bin/env node
// The `comeback` command: runs the TypeScript entry point through tsx, as `npm start` does.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
