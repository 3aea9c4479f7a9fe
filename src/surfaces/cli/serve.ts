import type { Command } from 'commander';
import { startServer } from '../http/server.js';

/** `dateline serve`: the HTTP API and web UI over one store. Runs until SIGINT/SIGTERM. */

interface ServeOptions {
  db: string;
  port: string;
  host: string;
  token?: string;
  allowPrivate?: boolean;
}

export function registerServe(program: Command): Command {
  return program
    .command('serve')
    .description('serve the HTTP API (/api, /openapi.json) and the web UI over a store')
    .option('--db <path>', 'SQLite database file', './dateline.db')
    .option('--port <n>', 'port to listen on', '8080')
    .option('--host <address>', 'address to bind; anything but loopback needs --token for remote writes', '127.0.0.1')
    .option('--token <token>', 'require "Authorization: Bearer <token>" for writes (default: env DATELINE_TOKEN)')
    .option('--allow-private', 'allow URL ingestion from loopback and private networks')
    .action(async (opts: ServeOptions) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        process.stderr.write(`dateline: --port must be an integer from 0 to 65535, not ${opts.port}\n`);
        process.exit(2);
      }
      const token = opts.token ?? (process.env.DATELINE_TOKEN || undefined);
      let server;
      try {
        server = await startServer({ port, host: opts.host, dbPath: opts.db, token, allowPrivate: opts.allowPrivate ?? false });
      } catch (err) {
        process.stderr.write(`dateline: cannot serve ${opts.db} on ${opts.host}:${port}: ${(err as Error).message}\n`);
        process.exit(2);
      }
      for (const w of server.warnings) process.stderr.write(`dateline: warning: ${w}\n`);
      process.stderr.write(`dateline: serving ${opts.db} at ${server.url} (writes: ${token ? 'token required' : 'localhost only'})\n`);
      const stop = (signal: string) => {
        process.stderr.write(`dateline: ${signal}, stopping\n`);
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
}
