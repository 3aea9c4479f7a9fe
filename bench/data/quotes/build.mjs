// Regenerates quotes.jsonl from passages.txt, the annotated source that is easier to write
// and review than raw offsets. Run: node bench/data/quotes/build.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const src = fs.readFileSync(path.join(dir, 'passages.txt'), 'utf8');

function parse(body) {
  let text = '';
  const gold = [];
  const stack = [];
  let i = 0;
  while (i < body.length) {
    if (body.startsWith('[[', i)) {
      const bar = body.indexOf('|', i);
      const head = body.slice(i + 2, bar);
      const m = /^([di]):(.*)$/.exec(head);
      if (!m) throw new Error(`bad markup at ${i}: ${body.slice(i, i + 40)}`);
      const names = m[2].split(';').map((s) => s.trim()).filter(Boolean);
      stack.push({ kind: m[1] === 'd' ? 'direct' : 'indirect', names, start: text.length });
      i = bar + 1;
    } else if (body.startsWith(']]', i)) {
      const open = stack.pop();
      if (!open) throw new Error(`unbalanced ]] at ${i}`);
      gold.push({
        start: open.start,
        end: text.length,
        text: text.slice(open.start, text.length),
        kind: open.kind,
        speaker: open.names[0] ?? null,
        speakerAlt: open.names.slice(1),
      });
      i += 2;
    } else {
      text += body[i++];
    }
  }
  if (stack.length) throw new Error('unclosed markup');
  gold.sort((a, b) => a.start - b.start || b.end - a.end);
  return { text, gold };
}

const out = [];
for (const block of src.split(/^=== /m).slice(1)) {
  const nl = block.indexOf('\n');
  const [id, split, style] = block.slice(0, nl).split('|').map((s) => s.trim());
  const { text, gold } = parse(block.slice(nl + 1).trim());
  out.push(JSON.stringify({ id, split, style, text, gold }));
}
fs.writeFileSync(path.join(dir, 'quotes.jsonl'), out.join('\n') + '\n');
const n = out.map((l) => JSON.parse(l));
const count = (s) => n.filter((p) => p.split === s).reduce((a, p) => a + p.gold.length, 0);
console.log(`${n.length} passages, dev ${count('dev')} gold, test ${count('test')} gold`);
