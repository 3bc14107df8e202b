#!/usr/bin/env node
// The package bin: runs the TypeScript CLI through tsx so `npx qalam ...` works without a build step.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// Name the project's tsconfig: tsx otherwise looks in the working directory, and run from
// anywhere else the TSX files would compile with the classic React JSX runtime and fail.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli/main.ts');
