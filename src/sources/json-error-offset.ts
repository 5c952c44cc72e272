// Where JSON text stops being JSON. V8's JSON.parse names a position for some errors and not for others
// ("Unexpected token 'x', ... is not valid JSON"), so error messages could not always say line:column. This
// scanner walks the grammar without recursion (a document nested 5,000 deep is fine) and returns the offset
// of the first character that cannot continue a JSON text. Only run on text JSON.parse already refused.

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = '"\\/bfnrt';

/** Offset just past the string starting at `i` (a `"`), or the negated offset of its first bad character. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) return -j;
    if (c === 0x5c) {
      const e = text[j + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return -(j + 1);
        j += 5;
      } else if (e !== undefined && ESCAPES.includes(e)) j++;
      else return -(j + 1);
    }
  }
  return -text.length;
}

/** Offset of the first character that is not valid JSON at its place, or -1 if the text is valid JSON. */
export function jsonErrorOffset(text: string): number {
  const stack: string[] = [];
  let state: 'value' | 'valueOrEnd' | 'after' | 'key' | 'keyOrEnd' | 'colon' = 'value';
  let i = 0;
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
    if (i >= text.length) return state === 'after' && stack.length === 0 ? -1 : text.length;
    const c = text[i]!;
    switch (state) {
      case 'valueOrEnd':
      case 'value': {
        if (state === 'valueOrEnd' && c === ']') {
          stack.pop();
          i++;
          state = 'after';
          break;
        }
        if (c === '{' || c === '[') {
          stack.push(c);
          i++;
          state = c === '{' ? 'keyOrEnd' : 'valueOrEnd';
          break;
        }
        if (c === '"') {
          const end = stringEnd(text, i);
          if (end < 0) return -end;
          i = end;
          state = 'after';
          break;
        }
        const literal = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
        NUMBER.lastIndex = i;
        const number = literal ? undefined : NUMBER.exec(text);
        if (!literal && !number) return i;
        i += literal ? literal.length : number![0].length;
        state = 'after';
        break;
      }
      case 'after': {
        const top = stack[stack.length - 1];
        if (top === undefined) return i;
        if (c === ',') {
          i++;
          state = top === '[' ? 'value' : 'key';
        } else if ((c === ']' && top === '[') || (c === '}' && top === '{')) {
          stack.pop();
          i++;
        } else return i;
        break;
      }
      case 'keyOrEnd':
        if (c === '}') {
          stack.pop();
          i++;
          state = 'after';
          break;
        }
        state = 'key';
        break;
      case 'key': {
        if (c !== '"') return i;
        const end = stringEnd(text, i);
        if (end < 0) return -end;
        i = end;
        state = 'colon';
        break;
      }
      case 'colon':
        if (c !== ':') return i;
        i++;
        state = 'value';
        break;
    }
  }
}

/** 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
