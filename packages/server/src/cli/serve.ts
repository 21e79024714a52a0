/**
 * @module cli/serve
 * `sekisho serve [--port P] [--host H]`: runs the HTTP service until SIGTERM or SIGINT, then
 * shuts down gracefully: no new connections, requests in flight finish, the write batcher
 * drains (nothing acknowledged is lost), the store closes.
 */
import { InvalidArgumentError } from 'commander';
import { createServer } from '../api/server.ts';
import { recordConfiguration } from '../services/config-audit.ts';
import { startBackgroundCheckpoints, syncOffThread } from '../storage/wal.ts';
import type { CommandContext } from './context.ts';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return n;
}

export function registerServeCommands(ctx: CommandContext): void {
  ctx.program
    .command('serve')
    .description('run the REST API (OpenAPI document at /openapi.json)')
    .option('--port <port>', 'TCP port (default: $SEKISHO_PORT or 8080)', port)
    .option('--host <host>', 'address to listen on (default: $SEKISHO_HOST or 127.0.0.1)')
    .action(async (opts: { port?: number; host?: string }) => {
      await ctx.withApp(async (app) => {
        // Settings that change decisions are audited when they differ from the last start's.
        await recordConfiguration({ store: app.store, audit: app.audit, config: app.config, actor: 'serve' });
        // Names are screened on worker threads, so the main thread keeps serving.
        app.screening.useWorkers(app.config.screenWorkers);
        // The write-ahead log's fsyncs and checkpoints off the event loop (storage/wal.ts).
        const onFile = app.store.sqlite && app.store.file;
        const checkpoints = onFile ? startBackgroundCheckpoints(app.store.sqlite!, app.store.file!, app.logger) : undefined;
        const sync = onFile ? syncOffThread(app.store) : undefined;
        const server = await createServer(app, { bodyLimit: app.config.bodyLimit, rateLimit: { rate: app.config.rateLimit, burst: app.config.rateBurst } });
        // Lists activated by another process (`sekisho lists load` while serving) are picked up.
        const poll = setInterval(() => {
          app.screening.refreshIfChanged().catch((error) => app.logger.error({ err: error }, 'checking for new list versions failed'));
        }, app.config.listPollMs);
        poll.unref();
        const stopped = new Promise<string>((resolve) => {
          process.once('SIGTERM', () => resolve('SIGTERM'));
          process.once('SIGINT', () => resolve('SIGINT'));
        });
        const address = await server.listen({ port: opts.port ?? app.config.port, host: opts.host ?? app.config.host });
        app.logger.info({ address }, 'sekisho serving');
        ctx.io.stderr.write(`sekisho serving on ${address}\n`);
        // Build the screening index now, not on the first request; /readyz says when it is done.
        app.screening.index().catch((error) => app.logger.error({ err: error }, 'building the screening index failed'));
        // Versions activated while no server ran (or whose rescreen was cut short) are rescreened now.
        void app.rescreen.pending().catch((error) => app.logger.error({ err: error }, 'pending rescreen failed; run `sekisho rescreen --pending`'));
        const signal = await stopped;
        app.logger.info({ signal }, 'shutting down: finishing requests in flight');
        clearInterval(poll);
        await server.close();
        await app.batcher.drain();
        await sync?.stop();
        await checkpoints?.stop();
        app.logger.info('stopped');
      });
    });
}
