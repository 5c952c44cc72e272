import { isbot } from 'isbot';

// Which requests to a click link (or the open pixel) are not a person's: mail security gateways and link
// previewers follow every link of a message as it arrives, so counting them would make every story "clicked".
// Told apart by what they do (HEAD: a person's browser GETs), who they say they are (known scanners' agents,
// and every bot isbot knows), and when (seconds after the message was delivered: no person is that fast;
// needs links that name the subscriber).

export type ScannerReason = 'head' | 'agent' | 'early';

/** User-agent fragments of link scanners and mail security gateways that isbot does not list. */
export const SCANNER_AGENTS: readonly string[] = [
  'barracuda',
  'mimecast',
  'proofpoint',
  'urldefense',
  'messagelabs',
  'symantec',
  'forcepoint',
  'trendmicro',
  'sophos',
  'fortiguard',
  'cisco ironport',
  'safelinks',
  'microsoft office',
  'ms-office',
  'bingpreview',
  'google-safety',
  'googleimageproxy',
  'yahoomailproxy',
  'appengine-google',
  'python-requests',
  'go-http-client',
  'curl/',
  'wget/',
];

export interface ClickRequest {
  method: string;
  userAgent: string | null;
  /** When the server accepted the message for this subscriber (ISO), when the link names them. */
  deliveredAt?: string | undefined;
  now: Date;
  /** `tracking.scannerSeconds`. */
  seconds: number;
  /** `tracking.scannerAgents`, lower case. */
  extraAgents?: readonly string[];
}

// isbot runs one large regex: a list's clicks come from a few hundred agents, so the verdicts are kept (bounded)
const verdicts = new Map<string, boolean>();

function isScannerAgent(agent: string): boolean {
  let verdict = verdicts.get(agent);
  if (verdict === undefined) {
    verdict = agent === '' || SCANNER_AGENTS.some((a) => agent.includes(a)) || isbot(agent);
    if (verdicts.size >= 2000) verdicts.delete(verdicts.keys().next().value!);
    verdicts.set(agent, verdict);
  }
  return verdict;
}

/** Why the request is a scanner's, or undefined for a person. */
export function scannerReason(r: ClickRequest): ScannerReason | undefined {
  if (r.method === 'HEAD') return 'head';
  const agent = (r.userAgent ?? '').slice(0, 512).toLowerCase();
  if (isScannerAgent(agent) || r.extraAgents?.some((a) => agent.includes(a))) return 'agent';
  if (r.deliveredAt !== undefined) {
    const after = r.now.getTime() - Date.parse(r.deliveredAt);
    if (after >= 0 && after <= r.seconds * 1000) return 'early';
  }
  return undefined;
}
