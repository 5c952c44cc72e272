import type { TemplateFile } from './load-templates.js';

/** Where a line of the assembled MJML came from: a template file and, when it can be told, its own line. */
export interface TemplateLine {
  /** The file as messages name it (e.g. `templates/partials/story-row.mjml`). */
  file: string;
  line?: number | undefined;
}

/** Maps a 1-based line of the assembled document to its template file and line. */
export type LocateLine = (line: number) => TemplateLine;

const OPEN = '\uE000';
const CLOSE = '\uE001';

/**
 * Marks around each partial's output while the layout renders, so that a line of the assembled MJML can be
 * traced back to the partial that wrote it. The nonce is random per render: text from a story cannot forge a
 * marker (and a marker can never reach MJML or the email: they are stripped before compiling).
 */
export class PartialMarks {
  readonly files: TemplateFile[] = [];
  constructor(readonly nonce: string) {}

  wrap(file: TemplateFile, output: string): string {
    const id = this.files.push(file) - 1;
    return `${OPEN}${this.nonce}:${id}${CLOSE}${output}${OPEN}${this.nonce}:end${CLOSE}`;
  }

  /** The text without the marks, and where each of its lines came from (`root` writes what no partial did). */
  strip(marked: string, root: TemplateFile): { text: string; locate: LocateLine } {
    const pattern = new RegExp(`${OPEN}${this.nonce}:(\\d+|end)${CLOSE}`, 'g');
    const regions: Region[] = [{ file: root, start: 0, end: Infinity, depth: 0 }];
    const stack: Region[] = [regions[0]!];
    let text = '';
    let last = 0;
    for (const m of marked.matchAll(pattern)) {
      text += marked.slice(last, m.index);
      last = m.index + m[0].length;
      if (m[1] === 'end') {
        const region = stack.pop();
        if (region && stack.length > 0) region.end = text.length;
      } else {
        const region: Region = { file: this.files[Number(m[1])]!, start: text.length, end: Infinity, depth: stack.length };
        regions.push(region);
        stack.push(region);
      }
    }
    text += marked.slice(last);
    return { text, locate: locator(text, regions) };
  }
}

interface Region {
  file: TemplateFile;
  start: number;
  end: number;
  depth: number;
}

function locator(text: string, regions: readonly Region[]): LocateLine {
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    // a line is judged by its first visible character: a partial's first line begins after the layout's indent
    starts.push(offset + (line.length - line.trimStart().length));
    offset += line.length + 1;
  }
  const regionOf = (index: number): Region =>
    regions.filter((r) => r.start <= starts[index]! && starts[index]! < r.end).sort((a, b) => b.depth - a.depth)[0] ?? regions[0]!;
  const owner = lines.map((_, i) => regionOf(i));
  const fragments = new Map<TemplateFile, string[][]>();
  return (line) => {
    const index = line - 1;
    const region = owner[index];
    if (!region) return { file: regions[0]!.file.file };
    let literal = fragments.get(region.file);
    if (!literal) fragments.set(region.file, (literal = literalFragments(region.file.source)));
    // walk the region's own lines up to this one, matching each to the next source line whose literal text it
    // holds (wrapping round, as a loop repeats its lines): the line the template wrote this one from
    let cursor = 0;
    let found: number | undefined;
    for (let i = 0; i <= index; i++) {
      if (owner[i] !== region || lines[i]!.trim() === '') continue;
      const match = nextMatch(literal, lines[i]!, cursor);
      if (match !== undefined) cursor = match + 1;
      if (i === index) found = match;
    }
    return { file: region.file.file, line: found === undefined ? undefined : found + 1 };
  };
}

/** Per source line, the text outside `{{...}}` (comments blanked, line count kept): what any output of it holds. */
function literalFragments(source: string): string[][] {
  const blanked = source.replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, (c) => c.replace(/[^\n]/g, ''));
  return blanked.split('\n').map((line) =>
    line
      .split(/\{\{[^}]*\}\}\}?/)
      .map((f) => f.trim())
      .filter((f) => f !== ''),
  );
}

function nextMatch(literal: readonly string[][], output: string, cursor: number): number | undefined {
  const holds = (parts: readonly string[]) => {
    if (parts.length === 0) return false;
    let at = 0;
    for (const part of parts) {
      const i = output.indexOf(part, at);
      if (i < 0) return false;
      at = i + part.length;
    }
    return true;
  };
  for (let k = 0; k < literal.length; k++) {
    const i = (cursor + k) % literal.length;
    if (holds(literal[i]!)) return i;
  }
  return undefined;
}
