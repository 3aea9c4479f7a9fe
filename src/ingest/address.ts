/**
 * Which IP addresses a fetch may connect to. Dateline fetches URLs that users paste or feed
 * in bulk, so a URL must not be a way to reach the host's own services or its LAN (SSRF).
 * Hand-rolled rather than net.BlockList because we need the category for the error message
 * and must see through IPv4 embedded in IPv6 (mapped, compatible, NAT64, 6to4).
 */
import { isIPv4, isIPv6 } from 'node:net';

type V4 = [number, number, number, number];

function parseV4(s: string): V4 | null {
  if (!isIPv4(s)) return null;
  return s.split('.').map(Number) as V4;
}

/** 16 bytes, or null when not an IPv6 literal. Zone ids ("%eth0") are ignored. */
export function parseV6(input: string): number[] | null {
  const s = input.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIPv6(s)) return null;
  const halves = s.split('::');
  const groups = (part: string): number[] => {
    if (!part) return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (g.includes('.')) {
        const v4 = parseV4(g);
        if (!v4) return [];
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else {
        out.push(parseInt(g, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length > 1 ? groups(halves[1]) : [];
  const words = halves.length > 1 ? [...head, ...new Array(8 - head.length - tail.length).fill(0), ...tail] : head;
  if (words.length !== 8) return null;
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

function inV4(a: V4, base: V4, bits: number): boolean {
  const num = (x: V4) => ((x[0] << 24) | (x[1] << 16) | (x[2] << 8) | x[3]) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (num(a) & mask) >>> 0 === (num(base) & mask) >>> 0;
}

const V4_RANGES: [V4, number, string][] = [
  [[0, 0, 0, 0], 8, 'unspecified'],
  [[10, 0, 0, 0], 8, 'private'],
  [[100, 64, 0, 0], 10, 'shared (carrier-grade NAT)'],
  [[127, 0, 0, 0], 8, 'loopback'],
  [[169, 254, 0, 0], 16, 'link-local'],
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 0, 0, 0], 24, 'reserved'],
  [[192, 0, 2, 0], 24, 'documentation'],
  [[192, 168, 0, 0], 16, 'private'],
  [[198, 18, 0, 0], 15, 'benchmarking'],
  [[198, 51, 100, 0], 24, 'documentation'],
  [[203, 0, 113, 0], 24, 'documentation'],
  [[224, 0, 0, 0], 4, 'multicast'],
  [[240, 0, 0, 0], 4, 'reserved'],
];

function classifyV4(a: V4): string | null {
  for (const [base, bits, label] of V4_RANGES) if (inV4(a, base, bits)) return label;
  return null;
}

function classifyV6(b: number[]): string | null {
  const zeroUntil = (n: number) => b.slice(0, n).every((x) => x === 0);
  const v4At = (i: number): V4 => [b[i], b[i + 1], b[i + 2], b[i + 3]];
  const via = (kind: string, i: number) => {
    const inner = classifyV4(v4At(i));
    return inner ? `${inner} (${kind} ${v4At(i).join('.')})` : null;
  };

  if (zeroUntil(16)) return 'unspecified';
  if (zeroUntil(15) && b[15] === 1) return 'loopback';
  if (zeroUntil(10) && b[10] === 0xff && b[11] === 0xff) return via('IPv4-mapped', 12);
  if (zeroUntil(12)) return via('IPv4-compatible', 12) ?? 'reserved';
  // 64:ff9b::/96, well-known NAT64 prefix.
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && b.slice(4, 12).every((x) => x === 0)) return via('NAT64', 12);
  // 64:ff9b:1::/48, local-use NAT64.
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && b[4] === 0x00 && b[5] === 0x01) return 'private (local NAT64)';
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) return 'link-local';
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0xc0) return 'site-local';
  if ((b[0] & 0xfe) === 0xfc) return 'unique-local';
  if (b[0] === 0xff) return 'multicast';
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return 'documentation';
  if (b[0] === 0x20 && b[1] === 0x02) return via('6to4', 2);
  // Everything routable on the internet lives in 2000::/3; the rest is unassigned or special.
  if ((b[0] & 0xe0) !== 0x20) return 'reserved';
  return null;
}

/**
 * Null for an ordinary public address; otherwise why it is not one ("loopback",
 * "private", "link-local", "unique-local", "unspecified", ...). Non-IP input is 'invalid'.
 */
export function nonPublicReason(address: string): string | null {
  const v4 = parseV4(address);
  if (v4) return classifyV4(v4);
  const v6 = parseV6(address);
  if (v6) return classifyV6(v6);
  return 'invalid address';
}

export function isIpLiteral(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return isIPv4(h) || isIPv6(h.replace(/%.*$/, ''));
}
