import type { SendProgress } from './send-report.js';

export interface ProgressPrinter {
  update(progress: SendProgress): void;
  /** Prints the last state (TTY: ends the line). */
  done(): void;
}

export interface ProgressOptions {
  write: (text: string) => void;
  /** A terminal: one line redrawn in place; otherwise a log line every `logEveryMs`. */
  isTTY: boolean;
  columns?: number;
  redrawEveryMs?: number;
  logEveryMs?: number;
  now?: () => number;
}

/** `12:05` / `1:02:03` */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** The figures in words: submitted / failed / remaining, rate and time left. */
export function describeProgress(p: SendProgress): string {
  const done = p.submitted + p.failed + p.bounced;
  const rate = p.elapsedMs > 0 ? (done * 1000) / p.elapsedMs : 0;
  const eta = rate > 0 ? formatDuration((p.remaining / rate) * 1000) : '--:--';
  const failed = p.failed + p.bounced;
  const deferred = p.deferred > 0 ? ` · ${p.deferred} to retry` : '';
  return `${p.submitted} submitted · ${failed} failed · ${p.remaining} remaining${deferred} · ${rate.toFixed(0)}/s · ETA ${eta}`;
}

/**
 * Progress for a send: on a terminal a one-line bar redrawn at most every `redrawEveryMs` (default 100 ms, so
 * ~10 times a second) with plain ANSI (carriage return, clear line); elsewhere a log line every `logEveryMs`.
 */
export function createProgressPrinter(options: ProgressOptions): ProgressPrinter {
  const now = options.now ?? Date.now;
  const every = options.isTTY ? (options.redrawEveryMs ?? 100) : (options.logEveryMs ?? 5000);
  let last = -Infinity;
  let latest: SendProgress | undefined;
  let drawn = false;

  const draw = (p: SendProgress) => {
    const words = describeProgress(p);
    if (!options.isTTY) {
      options.write(`send: ${words}\n`);
      return;
    }
    const width = Math.max(10, Math.min(30, (options.columns ?? 80) - words.length - 10));
    const fraction = p.total > 0 ? Math.min(1, (p.total - p.remaining) / p.total) : 1;
    const filled = Math.round(fraction * width);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%`;
    options.write(`\r\x1b[2K${bar} ${words}`);
    drawn = true;
  };

  return {
    update(progress) {
      latest = progress;
      const t = now();
      if (t - last < every) return;
      last = t;
      draw(progress);
    },
    done() {
      if (latest && options.isTTY) draw(latest);
      if (drawn) options.write('\n');
    },
  };
}
