/**
 * @module cli/main
 * The `sekisho` command. Command names and flags are an interface others build on (issue 2):
 *   lists load <source> <file...> [--force] [--json]
 *   lists update [--source S] [--from-dir DIR] [--force] [--json]
 *   lists status [--json]
 *   lists diff <source> [--from V] [--to V] [--json]
 *   lists activate <source> <version> [--json]
 *   entities show <id> [--json]
 * Exit status: 0 success, 1 a Sekisho error (its code is printed), 2 usage, 70 an internal error.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { CoreErrors, isSekishoError } from '@sekisho/core/errors';
import { CHAINS, isChain, type Chain, type ScreeningQuery } from '@sekisho/core';
import { createApp, type App } from '../app.ts';
import { loadConfig } from '../config.ts';
import { ServerErrors } from '../errors.ts';
import { diffVersions } from '../services/list-diff.ts';
import { updateLists } from '../services/list-update.ts';
import { scorePairsFile } from '../screening/score-pairs.ts';
import { screenFile } from '../screening/batch.ts';
import { createKuromojiReader } from '../names/kuromoji-reader.ts';
import { formatAddress, formatDiff, formatEntity, formatLoad, formatScreening, formatStatus } from './format.ts';
import { screenAddressFile } from '../screening/addresses.ts';
import { loadTags } from '../services/tag-loader.ts';
import type { TagVersion } from '../storage/tag-store.ts';
import { createProgress } from './progress.ts';
import { registerServeCommands } from './serve.ts';
import { registerAuditCommands } from './audit.ts';
import { registerKeyCommands } from './keys.ts';
import { registerRescreenCommands } from './rescreen.ts';
import { registerTraceCommands } from './trace.ts';
import { registerChainCommands } from './chain.ts';
import { registerMonitorCommands } from './monitor.ts';

import type { CliIo, CommandContext } from './context.ts';

export type { CliIo } from './context.ts';

interface ScreenOptions {
  file?: string;
  out?: string;
  workers?: number;
  name?: string;
  nameKana?: string;
  alias: string[];
  schema: string;
  birthDate?: string;
  gender?: string;
  country: string[];
  id: string[];
  threshold?: number;
  limit?: number;
  json?: boolean;
}

/** Lines in a file (rows of a batch, for the progress bar); 0 when it cannot be read. */
async function countLines(path: string): Promise<number> {
  const { createReadStream } = await import('node:fs');
  let lines = 0;
  try {
    for await (const chunk of createReadStream(path)) for (const byte of chunk as Buffer) if (byte === 10) lines++;
  } catch {
    // An unreadable file is reported by the batch itself with its error code.
    return 0;
  }
  return lines;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function unitInterval(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('a threshold is a number from 0 to 1');
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number from 1');
  return n;
}

function versionNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a version is a whole number from 1');
  return n;
}

/** Runs the CLI with the given arguments (without node and script); resolves to the exit status. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let json = false;
  let status = 0;
  let app: App | undefined;
  const out = (text: string) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  const withApp = async (dbOption: string | undefined, work: (app: App) => Promise<void>) => {
    const env = dbOption ? { ...io.env, SEKISHO_DB: dbOption, DATABASE_URL: dbOption.startsWith('postgres') ? dbOption : undefined } : io.env;
    const config = loadConfig({ SEKISHO_LOG_LEVEL: 'warn', ...env });
    app = await createApp(config);
    await work(app);
  };

  const program = new Command('sekisho')
    .description('Sekisho: sanctions compliance for crypto-asset exchanges and miners')
    .option('--db <path|url>', 'SQLite file or postgres:// URL (default: $DATABASE_URL, $SEKISHO_DB or ./sekisho.db)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  const db = () => program.opts<{ db?: string }>().db;
  const ctx: CommandContext = {
    program,
    io,
    out,
    setJson: (value) => {
      json = value;
    },
    setStatus: (value) => {
      status = value;
    },
    withApp: (work) => withApp(db(), work),
  };

  const lists = program.command('lists').description('load, update and inspect sanctions lists');
  lists
    .command('load')
    .description('load files as a new version of a source and activate it')
    .argument('<source>', 'ofac-advanced | ofac-csv | ofac-xml | un | eu | uk | jp-mof | opensanctions | custom')
    .argument('<file...>', 'the list file(s): plain, .gz, .bz2 or .zip')
    .option('--force', 'load even if the list shrinks by more than the threshold, or the same files are active')
    .option('--json', 'print the result as JSON')
    .action(async (source: string, files: string[], opts: { force?: boolean; json?: boolean }) => {
      json = Boolean(opts.json);
      await withApp(db(), async (app) => {
        const progress = createProgress(`loading ${source}`, io.stderr, json && !io.stderr.isTTY);
        try {
          const result = await app.loader.load(source, files, { force: opts.force, onProgress: progress.update, actor: 'cli' });
          progress.stop();
          out(json ? JSON.stringify(result, null, 2) : formatLoad(result));
        } finally {
          progress.stop();
        }
      });
    });

  lists
    .command('update')
    .description('fetch sources from their official URLs (or an offline mirror) and load them')
    .option('--source <source>', 'only this source')
    .option('--from-dir <dir>', 'read DIR/<source>/ instead of downloading')
    .option('--force', 'load even if a list shrinks by more than the threshold')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { source?: string; fromDir?: string; force?: boolean; json?: boolean }) => {
      json = Boolean(opts.json);
      await withApp(db(), async (app) => {
        const outcomes = await updateLists(
          { loader: app.loader, sourceUrls: app.config.sourceUrls, fetchTimeoutMs: app.config.fetchTimeoutMs },
          { source: opts.source, fromDir: opts.fromDir, force: opts.force, actor: 'cli', onProgress: (s) => (json ? undefined : createProgress(`loading ${s}`, io.stderr).update) },
        );
        if (json) out(JSON.stringify(outcomes.map((o) => (o.status === 'failed' ? { source: o.source, status: o.status, error: o.error.toJSON() } : o)), null, 2));
        else
          for (const o of outcomes) {
            if (o.status === 'skipped') out(`${o.source}: skipped (${o.reason})`);
            else if (o.status === 'failed') out(`${o.source}: FAILED ${o.error.code}: ${o.error.advice}`);
            else out(formatLoad(o.result));
          }
        if (outcomes.some((o) => o.status === 'failed')) status = 1;
      });
    });

  lists
    .command('status')
    .description('per source: the active version, issue date, counts, wallets, load time, file hash')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      json = Boolean(opts.json);
      await withApp(db(), async (app) => {
        const versions = await app.lists.activeVersions();
        out(json ? JSON.stringify(versions.map(({ warnings, ...v }) => v), null, 2) : formatStatus(versions));
      });
    });

  lists
    .command('diff')
    .description('entities added, removed and changed between two versions (default: active vs previous)')
    .argument('<source>')
    .option('--from <version>', 'older version number', versionNumber)
    .option('--to <version>', 'newer version number (default: the active one)', versionNumber)
    .option('--json', 'print as JSON')
    .action(async (source: string, opts: { from?: number; to?: number; json?: boolean }) => {
      json = Boolean(opts.json);
      await withApp(db(), async (app) => {
        const diff = await diffVersions(app.lists, source, opts.from, opts.to);
        out(json ? JSON.stringify(diff, null, 2) : formatDiff(diff));
      });
    });

  lists
    .command('activate')
    .description('make an earlier (or later) version of a source the active one')
    .argument('<source>')
    .argument('<version>', 'version number', versionNumber)
    .option('--json', 'print as JSON')
    .action(async (source: string, version: number, opts: { json?: boolean }) => {
      json = Boolean(opts.json);
      await withApp(db(), async (app) => {
        const v = await app.loader.activate(source, version, { actor: 'cli' });
        out(json ? JSON.stringify(v, null, 2) : `${source}: version ${v.version} is active (${v.entityCount} entities)`);
      });
    });

  program
    .command('screen')
    .description('screen a person, organisation or vessel against the active lists')
    .option('--name <name>', 'the name, in any script')
    .option('--name-kana <kana>', 'its kana reading (furigana), for names in kanji')
    .option('--alias <name>', 'another name of the same party (repeatable)', collect, [])
    .option('--schema <schema>', 'Person | Organization | Vessel | Aircraft | Any', 'Any')
    .option('--birth-date <date>', 'YYYY, YYYY-MM or YYYY-MM-DD')
    .option('--gender <gender>', 'male | female')
    .option('--country <country>', 'nationality, residence or registration country, ISO code or name (repeatable)', collect, [])
    .option('--id <value>', 'an identifier or wallet address of the party (repeatable)', collect, [])
    .option('--threshold <t>', 'score at which a hit is a match (default 0.7)', unitInterval)
    .option('--limit <n>', 'hits to return (default 10)', positiveInt)
    .option('--file <file>', 'screen every row of a CSV or JSON lines file (columns: docs/screening.md)')
    .option('--out <file>', 'with --file: where to write one JSON line per row')
    .option('--workers <n>', 'with --file: worker threads (default: one per core)', positiveInt)
    .option('--json', 'print the result as JSON')
    .action(async (opts: ScreenOptions) => {
      json = Boolean(opts.json);
      if (opts.file) {
        if (!opts.out) throw CoreErrors.SCREEN_QUERY('give --out for the results of --file', { field: 'out' });
        await withApp(db(), async (app) => {
          // The bar counts rows; the total is the file's line count (a quick pre-pass).
          const total = (await countLines(opts.file!)) - (/\.csv$/i.test(opts.file!) ? 1 : 0);
          const progress = createProgress('screening', io.stderr, json && !io.stderr.isTTY, 'rows');
          const summary = await screenFile(
            { lists: app.lists, reader: app.reader },
            { file: opts.file!, out: opts.out!, threshold: opts.threshold, limit: opts.limit, workers: opts.workers, onProgress: (n) => progress.update(n, Math.max(n, total)) },
          );
          progress.stop();
          out(json ? JSON.stringify(summary, null, 2) : `${summary.rows} rows screened on ${summary.workers} workers in ${(summary.screenMs / 1000).toFixed(1)} s (index ${(summary.buildMs / 1000).toFixed(1)} s): ${summary.matches} with a match, ${summary.errors} rejected → ${opts.out}`);
        });
        return;
      }
      if (!opts.name) throw CoreErrors.SCREEN_QUERY('give --name (or --file for a batch)', { field: 'name' });
      await withApp(db(), async (app) => {
        const result = await app.screening.screen({
          name: opts.name!,
          nameKana: opts.nameKana,
          aliases: opts.alias,
          schema: opts.schema as ScreeningQuery['schema'],
          birthDate: opts.birthDate,
          gender: opts.gender as ScreeningQuery['gender'],
          countries: opts.country,
          identifiers: opts.id,
          threshold: opts.threshold,
          limit: opts.limit,
        });
        out(json ? JSON.stringify(result, null, 2) : formatScreening(result));
      });
    });

  program
    .command('screen-address')
    .description('check a wallet address: validity per chain, canonical form, list hits, formerly listed hits')
    .argument('[address]', 'the address')
    .option('--chain <chain>', 'the chain it is meant for (bitcoin, ethereum, tron, …)')
    .option('--file <file>', 'check every address of a .txt (one per line) or .csv (column address, optional chain) file')
    .option('--out <file>', 'with --file: where to write one JSON line per address')
    .option('--json', 'print the result as JSON')
    .action(async (address: string | undefined, opts: { chain?: string; file?: string; out?: string; json?: boolean }) => {
      json = Boolean(opts.json);
      if (opts.chain && !isChain(opts.chain)) throw CoreErrors.SCREEN_QUERY(`unknown chain "${opts.chain}" (one of ${CHAINS.join(', ')})`, { field: 'chain' });
      await withApp(db(), async (app) => {
        if (opts.file) {
          if (!opts.out) throw CoreErrors.SCREEN_QUERY('give --out for the results of --file', { field: 'out' });
          const summary = await screenAddressFile(app.screening, { file: opts.file, out: opts.out, chain: opts.chain as Chain | undefined });
          out(json ? JSON.stringify(summary, null, 2) : `${summary.addresses} addresses checked: ${summary.valid} valid, ${summary.hits} listed, ${summary.formerly} formerly listed → ${opts.out}`);
          return;
        }
        if (!address) throw CoreErrors.SCREEN_QUERY('give an address (or --file)', { field: 'address' });
        const result = await app.screening.screenAddress(address, opts.chain as Chain | undefined);
        out(json ? JSON.stringify(result, null, 2) : formatAddress(result));
      });
    });

  const tags = program.command('tags').description('attribution tags: TagPacks, actor packs, mining-pool lists, custom CSV');
  tags
    .command('load')
    .description('load tag files of one format as the next version of their tag source')
    .requiredOption('--format <format>', 'tagpack | actorpack | mining-pools | csv')
    .argument('<file...>')
    .option('--json', 'print the result as JSON')
    .action(async (files: string[], opts: { format: string; json?: boolean }) => {
      json = Boolean(opts.json);
      await withApp(db(), async (app) => {
        const r = await loadTags(app.tags, opts.format, files);
        const v = r.version as TagVersion;
        out(json ? JSON.stringify(r, null, 2) : r.status === 'unchanged' ? `${v.source}: unchanged (version ${v.version})` : `${v.source}: version ${v.version} active — ${v.tagCount} tags, ${v.actorCount} actors, ${v.coinbaseCount} coinbase tags`);
      });
    });
  tags
    .command('status')
    .description('per tag source: the active version, counts, load time')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      json = Boolean(opts.json);
      await withApp(db(), async (app) => {
        const versions = await app.tags.status();
        out(json ? JSON.stringify(versions, null, 2) : versions.length ? versions.map((v) => `${v.source}  version ${v.version}  ${v.tagCount} tags, ${v.actorCount} actors, ${v.coinbaseCount} coinbase tags  loaded ${v.loadedAt.slice(0, 19).replace('T', ' ')}`).join('\n') : 'No tags loaded yet. Load some with: sekisho tags load --format tagpack <file.yaml>');
      });
    });

  program
    .command('score-pairs')
    .description("score name pairs: each input line {id, schema, name1, name2, birthDate1?, birthDate2?, country1?, country2?} gives {id, score, match}")
    .requiredOption('--input <file>', 'JSON lines of pairs')
    .option('--output <file>', 'where to write the results (default: standard output)')
    .action(async (opts: { input: string; output?: string }) => {
      const { pairs, matches } = await scorePairsFile({ input: opts.input, output: opts.output, stdout: io.stdout, reader: createKuromojiReader() });
      if (opts.output) io.stderr.write(`${pairs} pairs scored, ${matches} matches → ${opts.output}\n`);
    });

  program
    .command('entities')
    .description('inspect entities on the active lists')
    .command('show')
    .argument('<id>', 'source-qualified id, e.g. ofac:36216')
    .option('--json', 'print as JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      json = Boolean(opts.json);
      await withApp(db(), async (app) => {
        const found = await app.lists.activeEntity(id);
        if (!found) throw ServerErrors.ENTITY_NOT_FOUND(`no entity ${id} on an active list version`);
        const captions = await app.lists.activeCaptions(found.entity.relations.map((r) => r.target));
        if (json) out(JSON.stringify({ ...found.entity, source: found.source, version: found.version, relationTargets: Object.fromEntries(captions) }, null, 2));
        else out(formatEntity(found.entity, found, captions));
      });
    });

  registerServeCommands(ctx);
  registerAuditCommands(ctx);
  registerKeyCommands(ctx);
  registerRescreenCommands(ctx);
  registerChainCommands(ctx);
  registerTraceCommands(ctx);
  registerMonitorCommands(ctx);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isSekishoError(error)) {
      if (json) out(JSON.stringify({ error: error.toJSON() }, null, 2));
      io.stderr.write(`error ${error.code}: ${error.advice}\n`);
      return 1;
    }
    io.stderr.write(`internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return 70;
  } finally {
    await app?.close();
  }
}
