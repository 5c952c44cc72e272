import { compileMessage } from './compile-message.js';
import type { MessageSpec } from './message-spec.js';
import { recipientFields, type LinkContext } from './recipient-fields.js';
import type { SendReport } from './send-report.js';
import type { Transport } from './transport.js';

export interface TestSendOptions {
  issue: string;
  spec: MessageSpec;
  links: LinkContext;
  transport: Transport;
  addresses: { email: string; name?: string | undefined }[];
}

/**
 * `--test A,B`: the issue to these addresses only, subject prefixed `[TEST] `, one attempt each, the ledger
 * untouched. Their links carry subscriber id 0 (no subscriber): they show the layout, they unsubscribe nobody.
 * Content links are the stories' own (no click tracking): an editor's test clicks count for nothing.
 */
export async function sendToTestAddresses(o: TestSendOptions): Promise<SendReport> {
  const started = Date.now();
  const tests: NonNullable<SendReport['tests']> = [];
  let maxBytes = 0;
  // the connections close whatever happens (verify keeps its connection open for the first message)
  try {
    await o.transport.verify();
    const message = compileMessage({ ...o.spec, subject: `[TEST] ${o.spec.subject}` });
    const outcomes = await Promise.all(
      o.addresses.map(async ({ email, name }) => {
        let raw: Buffer;
        try {
          // a test's bounce or mailto is about nobody: no VERP, and its mailto token names subscriber 0
          raw = message.render(recipientFields({ subscriberId: 0, email, name: name ?? '' }, { ...o.links, returnPath: undefined }));
        } catch (error) {
          return { email, status: 'invalid', reply: (error as Error).message };
        }
        maxBytes = Math.max(maxBytes, raw.length);
        const outcome = await o.transport.send({ from: message.envelopeFrom, to: email, raw });
        return { email, status: outcome.status, reply: outcome.reply };
      }),
    );
    tests.push(...outcomes);
  } finally {
    await o.transport.close();
  }
  const submitted = tests.filter((t) => t.status === 'accepted').length;
  const failed = tests.length - submitted;
  const durationMs = Date.now() - started;
  const errors = new Map<string, number>();
  for (const t of tests) if (t.status !== 'accepted') errors.set(t.reply, (errors.get(t.reply) ?? 0) + 1);
  return {
    issue: o.issue,
    status: 'test',
    message: `Test send: ${submitted} of ${tests.length} accepted; the ledger is untouched.`,
    run: { built: tests.length, submitted, failed, bounced: 0, deferred: 0, interrupted: 0, maxBytes, durationMs, rate: durationMs > 0 ? (submitted * 1000) / durationMs : 0 },
    topErrors: [...errors].map(([reply, count]) => ({ reply, count })),
    tests,
  };
}
