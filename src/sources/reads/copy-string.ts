/**
 * A copy of `s` that does not point into the string it was cut from. V8 makes `slice` results views of the
 * original, so a 60-byte key cut from a log line would keep the whole line alive in a cache; copy what you keep.
 */
export function copyString(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}
