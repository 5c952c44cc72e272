import { RoundupError, errorMessage } from '../errors.js';
import type { SourceProblem } from '../types.js';
import { jsonErrorOffset, lineColumn } from './json-error-offset.js';
import { escapeForMessage, showText } from '../text/show-text.js';
import { decodeUtf8Repairing, emptyRepairCounts } from './utf8-repair.js';

// JSON as sites really answer it. A byte order mark (a theme or plugin file saved "with BOM" prints one before
// every answer) is skipped. So is non-JSON noise before the JSON, most often a PHP notice or warning that
// WordPress printed because the site shows errors (`display_errors`): the JSON after it is read, and a note
// names the noise and the fix. A body with no JSON in it fails with the line and column where it stops
// being JSON, and a hint that matches what came instead (an HTML page, nothing at all, or broken JSON).

export interface JsonAnswer {
  value: unknown;
  notes: SourceProblem[];
  /** Bytes not valid UTF-8 (read as windows-1252 or replaced). */
  replacedBytes: number;
}

export interface JsonAnswerOptions {
  source: string;
  /** The file or URL, for messages. */
  where: string;
  /** What to check when the answer holds no JSON, e.g. "that `url` is the WordPress site root". */
  hint: string;
}

/** Where the noise may end: a `[` or `{` at most this far in. */
const NOISE_SCAN = 64 * 1024;
const MAX_TRIES = 50;

/** Text of a JSON body: UTF-8 (BOM skipped, stray bytes repaired) or UTF-16 with a BOM. */
export function jsonText(body: Buffer): { text: string; replacedBytes: number; firstBad?: number | undefined } {
  if (body[0] === 0xff && body[1] === 0xfe) return { text: body.subarray(2).toString('utf16le'), replacedBytes: 0 };
  if (body[0] === 0xfe && body[1] === 0xff) {
    const even = Buffer.from(body.subarray(2, 2 + ((body.length - 2) & ~1)));
    return { text: even.swap16().toString('utf16le'), replacedBytes: 0 };
  }
  const counts = emptyRepairCounts();
  const text = decodeUtf8Repairing(body, counts);
  return { text, replacedBytes: counts.windows1252 + counts.replaced, firstBad: counts.firstBad };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** What came instead of JSON, and what to do about it. */
function instead(text: string, hint: string): string {
  const start = text.trimStart();
  if (start === '') return `The answer is empty. Check ${hint}.`;
  if (/^<(?:!doctype|html|head|body|\?xml)/i.test(start)) {
    const title = /<title[^>]*>([^<]{0,120})/i.exec(start)?.[1]?.trim();
    return `It is an HTML or XML page${title ? ` (${showText(title, 60)})` : ''}, not JSON: check ${hint}, and that no security or maintenance plugin answers in its place.`;
  }
  return `Check ${hint}.`;
}

/** Parses a JSON answer, skipping a BOM and noise before the JSON (with a note). */
export function parseJsonAnswer(text: string, options: JsonAnswerOptions): Omit<JsonAnswer, 'replacedBytes'> {
  const { source, where } = options;
  const body = text.replace(/^\uFEFF+/, '');
  const whole = tryParse(body);
  if (whole.ok) return { value: whole.value, notes: [] };
  // Noise first, then the JSON: try each `[` or `{` that could start it. A body that starts as JSON is
  // broken JSON, not noise.
  const opener = /[[{]/g;
  let tries = /^\s*[[{]/.test(body) ? MAX_TRIES : 0;
  for (let m = opener.exec(body); m && m.index < NOISE_SCAN && tries < MAX_TRIES; m = opener.exec(body), tries++) {
    if (m.index === 0) continue;
    const rest = tryParse(body.slice(m.index));
    if (!rest.ok) continue;
    const noise = body.slice(0, m.index).replace(/^\uFEFF+/, '');
    const php = /\b(?:Notice|Warning|Deprecated|Fatal error|Parse error)\b/.test(noise);
    const { line, column } = lineColumn(body, m.index);
    return {
      value: rest.value,
      notes: [
        {
          source,
          where: `${where}:1:1`,
          message:
            `skipped ${showText(noise.trim(), 100)} before the JSON (which starts at ${line}:${column})` +
            (php
              ? '. The site prints PHP notices into its answers: set `display_errors` off (WordPress: WP_DEBUG_DISPLAY false) and fix the plugin that causes them.'
              : '. Something on the site prints text before its JSON answers.'),
        },
      ],
    };
  }
  const offset = Math.max(0, jsonErrorOffset(body));
  const { line, column } = lineColumn(body, offset);
  throw new RoundupError(
    'SOURCE_INVALID',
    `[${source}] ${where}:${line}:${column}: not valid JSON (${escapeForMessage(errorMessage(whole.error).replace(/, ".*" is not valid JSON$/s, ''))}). ` +
      instead(body, options.hint),
    { cause: whole.error },
  );
}
