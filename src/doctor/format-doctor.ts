import { countResults, type DoctorResult } from './doctor-result.js';

/** One result as lines: `FAIL  dmarc  message`, then the fix indented. */
export function formatResult(r: DoctorResult): string {
  const head = `${r.status.toUpperCase().padEnd(4)}  ${r.id.padEnd(16)}  ${r.message}`;
  if (r.fix === undefined) return head;
  return `${head}\n${r.fix.split('\n').map((line, i) => `${' '.repeat(8)}${i === 0 ? 'fix: ' : '  '}${line}`).join('\n')}`;
}

/** The doctor's report: a heading, each result, and the counts. */
export function formatDoctor(heading: string, results: readonly DoctorResult[], note?: string): string {
  const c = countResults(results);
  const lines = [heading, ...results.map(formatResult)];
  if (note) lines.push(note);
  lines.push(`${c.fail} FAIL, ${c.warn} WARN, ${c.pass} PASS`);
  return `${lines.join('\n')}\n`;
}
