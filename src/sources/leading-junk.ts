// Feeds often have something before `<?xml`: a newline a WordPress theme prints, a BOM from an included file,
// a PHP warning. XML forbids it, so the parser must not see it; but messages must still count lines from
// the top of the file, so the cut is remembered as an offset.

export interface LeadingJunk {
  /** Where the document starts in the text. */
  start: number;
  /** What came before it, without surrounding whitespace and BOMs ('' when it was only that). */
  shown: string;
  /** Lines before the document's first line, and characters before it on that line. */
  lineOffset: number;
  columnOffset: number;
}

/** Finds the document in the first piece of text: its `<?xml`, else the first markup. */
export function leadingJunk(text: string): LeadingJunk {
  let start = text.search(/<\?xml[\s?]/);
  if (start < 0 || start > 65_536) start = text.search(/<[A-Za-z_!?]/);
  if (start <= 0) return { start: 0, shown: '', lineOffset: 0, columnOffset: 0 };
  const junk = text.slice(0, start);
  const lines = junk.split('\n');
  return {
    start,
    shown: junk.replace(/^[\s\uFEFF]+|[\s\uFEFF]+$/g, ''),
    lineOffset: lines.length - 1,
    columnOffset: lines[lines.length - 1]!.length,
  };
}
