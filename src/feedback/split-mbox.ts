// Files given to `roundup feedback`: one message per `.eml`, or an mbox (messages after `From ` lines, as
// mboxrd escapes them: `>From ` lines inside a message lose one `>`). A file is an mbox when its first line
// is a `From ` separator; anything else is one message.

/** The messages of a file's bytes. */
export function splitMessages(bytes: Buffer): Buffer[] {
  const text = bytes.toString('latin1');
  if (!/^From [^\r\n]*\r?\n/.test(text)) return [bytes];
  const messages: Buffer[] = [];
  // a separator is a `From ` line at the start or after an empty line... or any `From ` line: writers differ
  const starts = [...text.matchAll(/^From [^\r\n]*\r?\n/gm)];
  starts.forEach((m, i) => {
    const begin = m.index + m[0].length;
    const end = i + 1 < starts.length ? starts[i + 1]!.index : text.length;
    const body = text.slice(begin, end).replace(/^>(>*From )/gm, '$1');
    if (body.trim() !== '') messages.push(Buffer.from(body.replace(/\r?\n$/, '\n'), 'latin1'));
  });
  return messages;
}

/** A message from an MTA pipe: a leading `From ` envelope line (Postfix's `F` flag) is dropped. */
export function pipedMessage(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1');
  const m = /^From [^\r\n]*\r?\n/.exec(text);
  return m ? bytes.subarray(Buffer.byteLength(m[0], 'latin1')) : bytes;
}
