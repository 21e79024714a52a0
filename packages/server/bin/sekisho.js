#!/usr/bin/env node
// The `sekisho` command. Sekisho runs its TypeScript sources through tsx (no build step), so
// `npx sekisho` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
