import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The README's run command: the seed corpus when ../shared is beside the checkout,
// otherwise the example corpus we wrote ourselves.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const seeds = resolve(process.env.DATELINE_SHARED ?? resolve(root, '../shared'), 'seeds');
const corpus = existsSync(seeds) ? seeds : resolve(root, 'examples/corpus');
const format = process.argv.includes('--json') ? 'json' : 'md';
process.stderr.write(`dateline demo: reporting on ${corpus}\n`);
const result = spawnSync(process.execPath, [resolve(root, 'dist/src/surfaces/cli/main.js'), 'story', corpus, '--format', format, '--db', resolve(root, 'dateline.db')], { stdio: 'inherit' });
process.exit(result.status ?? 1);
