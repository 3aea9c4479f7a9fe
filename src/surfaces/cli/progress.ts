import cliProgress from 'cli-progress';
import type { BatchProgress } from '../../batch.js';

/** A progress bar on a terminal; silent when the stream is not a TTY (pipes, CI, logs). */
export function progressReporter(stream: NodeJS.WriteStream): { update: (p: BatchProgress) => void; stop: () => void } {
  if (!stream.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream, format: 'dateline {phase} [{bar}] {value}/{total} {source}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let phase: BatchProgress['phase'] | null = null;
  return {
    update(p) {
      const source = p.source.length > 40 ? '…' + p.source.slice(-39) : p.source;
      if (!started || phase !== p.phase) {
        if (started) bar.stop();
        bar.start(Math.max(p.total, 1), p.done, { phase: p.phase, source });
        started = true;
        phase = p.phase;
      } else {
        bar.setTotal(Math.max(p.total, 1));
        bar.update(p.done, { phase: p.phase, source });
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
