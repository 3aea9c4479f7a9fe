import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The two static files, read once at startup. They are plain files in the source tree
 * (src/surfaces/web/assets) because there is no build step for them; tsc does not copy
 * them, so the compiled server looks beside itself first (tsx, or a build that copied
 * them) and then in the source tree next to dist/. Each is served with an ETag and
 * referenced with its hash in the URL, so browsers may cache it for good.
 */

export interface Asset {
  body: string;
  type: string;
  hash: string;
}

function locate(): string {
  const candidates = [new URL('./assets/', import.meta.url), new URL('../../../../src/surfaces/web/assets/', import.meta.url)];
  for (const c of candidates) {
    const dir = fileURLToPath(c);
    if (existsSync(dir + 'app.js')) return dir;
  }
  throw new Error(`web assets not found (looked in ${candidates.map((c) => fileURLToPath(c)).join(', ')})`);
}

let cached: Map<string, Asset> | null = null;

export function loadAssets(): Map<string, Asset> {
  if (cached) return cached;
  const dir = locate();
  const load = (name: string, type: string): [string, Asset] => {
    const body = readFileSync(dir + name, 'utf8');
    return [name, { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) }];
  };
  cached = new Map([load('app.js', 'text/javascript; charset=utf-8'), load('app.css', 'text/css; charset=utf-8')]);
  return cached;
}

export function assetUrl(name: 'app.js' | 'app.css'): string {
  return `/assets/${name}?v=${loadAssets().get(name)!.hash}`;
}
