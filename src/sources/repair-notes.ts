import type { SourceProblem } from '../types.js';
import type { XmlEncoding } from './decode-xml.js';
import type { RepairCounts } from './utf8-repair.js';

// The notes a decode leaves: how many bytes were not valid in the document's encoding, what became of them,
// and where the first one is (line and column, for encodings where a 0x0A byte is always a line break).

/** `where:line:column` of byte `offset` in `body` (column in characters), for ASCII-compatible encodings. */
function position(body: Buffer, offset: number, where: string, utf8: boolean): string {
  let line = 1;
  let lineStart = 0;
  for (let i = body.indexOf(0x0a); i >= 0 && i < offset; i = body.indexOf(0x0a, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const column = Array.from(body.toString(utf8 ? 'utf8' : 'latin1', lineStart, offset)).length + 1;
  return `${where}:${line}:${column}`;
}

export function repairNotes(body: Buffer, found: XmlEncoding, counts: RepairCounts, options: { source: string; where: string }): SourceProblem[] {
  const { source, where } = options;
  const notes: SourceProblem[] = [];
  const bad = counts.windows1252 + counts.replaced;
  if (bad > 0) {
    const wide = /^utf-(16|32)/.test(found.encoding);
    const first = counts.firstBad ?? 0;
    notes.push({
      source,
      where: wide ? where : position(body, first, where, found.encoding === 'utf-8'),
      message:
        `${bad} byte${bad === 1 ? ' was' : 's were'} not valid ${found.encoding.toUpperCase()}${wide ? ` (the first at byte ${first})` : ' (the first here)'}: ` +
        `${counts.windows1252} read as windows-1252, ${counts.replaced} replaced by U+FFFD`,
    });
  }
  if (counts.c1) {
    const c1 = counts.c1;
    notes.push({ source, where, message: `${c1} C1 control character${c1 === 1 ? '' : 's'} read as windows-1252 (U+0092 as ’)` });
  }
  return notes;
}
