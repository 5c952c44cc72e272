// One line of an nginx/Apache "combined" access log:
//
//   203.0.113.9 - - [24/Nov/2026:09:30:00 +0000] "GET /news/a-story/?utm_source=x HTTP/1.1" 200 5120 "https://ref/" "Mozilla/5.0 ..."
//   %h          %l %u [%t]                        "%r"                                          %>s %b  "%{Referer}i"   "%{User-Agent}i"
//
// Access logs run to gigabytes, so the parser cuts the line with indexOf/charCodeAt instead of a regex and
// reports positions rather than substrings: the caller slices only the fields it still needs after the cheap
// checks (method, status, time) have passed. Fields after the user agent (nginx formats that append
// `$request_time` and the like) are ignored.
import { LOG_TIME_LENGTH, type LogTimeParser } from './log-time.js';

/** Where the fields of one parsed line are. Reused from line to line: copy what you keep. */
export interface LogLine {
  /** The client address is `line.slice(0, ipEnd)`. */
  ipEnd: number;
  /** Request time, epoch milliseconds. */
  time: number;
  /** The request line `"%r"`: method is `line.slice(requestStart, methodEnd)`. */
  requestStart: number;
  methodEnd: number;
  /** Request target (path and query): `line.slice(targetStart, targetEnd)`; empty when the request had none. */
  targetStart: number;
  targetEnd: number;
  status: number;
  /** User agent: `line.slice(agentStart, agentEnd)`. */
  agentStart: number;
  agentEnd: number;
}

export function emptyLogLine(): LogLine {
  return { ipEnd: 0, time: 0, requestStart: 0, methodEnd: 0, targetStart: 0, targetEnd: 0, status: 0, agentStart: 0, agentEnd: 0 };
}

const SPACE = 32;
const QUOTE = 34;
const BACKSLASH = 92;
const ZERO = 48;

/** Index of the next `"` at or after `from` that is not escaped as `\"` (Apache's escape), or -1. */
function closingQuote(line: string, from: number): number {
  let at = line.indexOf('"', from);
  while (at > 0 && line.charCodeAt(at - 1) === BACKSLASH) at = line.indexOf('"', at + 1);
  return at;
}

/**
 * Parses one combined-format line into `out` (positions into `line`). Returns false when the line is not in
 * that format; `out` is then partly filled and must not be used.
 */
export function parseLogLine(line: string, out: LogLine, times: LogTimeParser): boolean {
  const ipEnd = line.indexOf(' ');
  if (ipEnd <= 0) return false;
  const open = line.indexOf('[', ipEnd);
  if (open < 0) return false;
  const timeStart = open + 1;
  const close = timeStart + LOG_TIME_LENGTH;
  if (line.charCodeAt(close) !== 93 /* ] */ || line.charCodeAt(close + 1) !== SPACE || line.charCodeAt(close + 2) !== QUOTE) {
    return false;
  }
  const time = times.parse(line, timeStart);
  if (Number.isNaN(time)) return false;

  // "%r": METHOD SP TARGET SP PROTOCOL, or something odd ("-", a TLS handshake) that a 400 answered.
  const requestStart = close + 3;
  const requestEnd = closingQuote(line, requestStart);
  if (requestEnd < 0 || line.charCodeAt(requestEnd + 1) !== SPACE) return false;
  let methodEnd = line.indexOf(' ', requestStart);
  if (methodEnd < 0 || methodEnd > requestEnd) methodEnd = requestEnd;
  const targetStart = methodEnd < requestEnd ? methodEnd + 1 : requestEnd;
  let targetEnd = line.indexOf(' ', targetStart);
  if (targetEnd < 0 || targetEnd > requestEnd) targetEnd = requestEnd;

  // %>s: three digits.
  const s = requestEnd + 2;
  const d0 = line.charCodeAt(s) - ZERO;
  const d1 = line.charCodeAt(s + 1) - ZERO;
  const d2 = line.charCodeAt(s + 2) - ZERO;
  if (d0 < 1 || d0 > 5 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9 || line.charCodeAt(s + 3) !== SPACE) return false;

  // %b, then "referer" "user agent".
  const bytesEnd = line.indexOf(' ', s + 4);
  if (bytesEnd < 0 || line.charCodeAt(bytesEnd + 1) !== QUOTE) return false;
  const refererEnd = closingQuote(line, bytesEnd + 2);
  if (refererEnd < 0 || line.charCodeAt(refererEnd + 1) !== SPACE || line.charCodeAt(refererEnd + 2) !== QUOTE) return false;
  const agentStart = refererEnd + 3;
  const agentEnd = closingQuote(line, agentStart);
  if (agentEnd < 0) return false;

  out.ipEnd = ipEnd;
  out.time = time;
  out.requestStart = requestStart;
  out.methodEnd = methodEnd;
  out.targetStart = targetStart;
  out.targetEnd = targetEnd;
  out.status = d0 * 100 + d1 * 10 + d2;
  out.agentStart = agentStart;
  out.agentEnd = agentEnd;
  return true;
}
