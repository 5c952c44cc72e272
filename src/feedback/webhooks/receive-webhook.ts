import { actOnReading, type FeedbackContext, type FeedbackResult } from '../process-feedback.js';
import { httpsGetText } from './https-get.js';
import { mailgunReading, parseMailgunCall, verifyMailgunSignature } from './mailgun-event.js';
import { sesReadings } from './ses-events.js';
import { isSnsUrl, parseSnsMessage, verifySnsSignature } from './sns-message.js';

// The relays' webhooks on `roundup serve` (`POST /webhooks/ses`, `POST /webhooks/mailgun`): each call is checked
// (signature, age, not seen before) before anything is read from it; a forged, unsigned, stale or replayed call
// gets a 4xx and changes nothing.

export interface WebhookAnswer {
  status: number;
  text: string;
  results?: FeedbackResult[];
}

export interface WebhookDeps {
  feedback: FeedbackContext;
  /** `feedback.webhooks.ses.topicArns`; undefined: the SES endpoint is off. */
  sesTopics?: readonly string[] | undefined;
  /** MAILGUN_WEBHOOK_SIGNING_KEY when `feedback.webhooks.mailgun` is on. */
  mailgunKey?: string | undefined;
  /** `feedback.webhooks.maxAgeSeconds`. */
  maxAgeSeconds: number;
  /**
   * Fetches an SNS signing certificate (PEM). Only ever called with a URL that passed isSnsUrl (https, an SNS
   * host of amazonaws.com); tests pass one that serves their own certificate, production uses https.
   */
  fetchCertificate?: (url: string) => Promise<string>;
  /** Confirms an SNS subscription (GET of its SubscribeURL, checked the same way). */
  confirmSubscription?: (url: string) => Promise<void>;
  log?: (line: string) => void;
}

const answer = (status: number, text: string, results?: FeedbackResult[]): WebhookAnswer => ({ status, text, results });

/** Builds the two receivers; the certificate cache lives as long as they do. */
export function webhookReceivers(deps: WebhookDeps) {
  const certificates = new Map<string, Promise<string>>();
  const fetchCertificate = deps.fetchCertificate ?? httpsGetText;
  const confirm = deps.confirmSubscription ?? (async (url: string) => void (await httpsGetText(url)));
  const log = deps.log ?? (() => undefined);
  const fresh = (at: number) => Math.abs(deps.feedback.now().getTime() - at) <= deps.maxAgeSeconds * 1000;
  const keepMs = deps.maxAgeSeconds * 2000;
  /**
   * A call acted on before is refused as a replay. Its id is remembered only after acting, so a server that fails or
   * dies halfway loses nothing: the relay's retry (to this server or another) is acted on. Acting twice changes
   * nothing more than acting once (feedback.record counts an issue, subscriber and kind once), so the same call
   * reaching two servers at the same moment is harmless.
   */
  const once = async (provider: string, id: string, act: () => Promise<WebhookAnswer>): Promise<WebhookAnswer> => {
    const store = deps.feedback.store;
    if (await store.feedback.webhookSeen(provider, id, deps.feedback.now(), keepMs)) return answer(409, 'Seen before: refused as a replay.');
    const done = await act();
    await store.feedback.rememberWebhook(provider, id, deps.feedback.now(), keepMs);
    return done;
  };

  const certificate = (url: string): Promise<string> => {
    let pem = certificates.get(url);
    if (!pem) {
      pem = fetchCertificate(url);
      pem.catch(() => certificates.delete(url));
      if (certificates.size > 20) certificates.delete(certificates.keys().next().value!);
      certificates.set(url, pem);
    }
    return pem;
  };

  return {
    async ses(body: string): Promise<WebhookAnswer> {
      if (!deps.sesTopics) return answer(404, 'The SES webhook is off: set feedback.webhooks.ses.topicArns.');
      const m = parseSnsMessage(body);
      if (!m) return answer(400, 'Not an SNS message.');
      if (!deps.sesTopics.includes(m.TopicArn)) return answer(403, 'Not a topic this server listens to.');
      if (!isSnsUrl(m.SigningCertURL, 'certificate')) return answer(403, 'The signing certificate is not on an SNS host of AWS.');
      let pem: string;
      try {
        pem = await certificate(m.SigningCertURL);
      } catch (error) {
        log(`ses webhook: signing certificate not fetched: ${(error as Error).message}`);
        return answer(502, 'The signing certificate could not be fetched; try again.');
      }
      if (!verifySnsSignature(m, pem)) return answer(403, 'Bad signature.');
      if (!fresh(Date.parse(m.Timestamp))) return answer(400, 'Too old (or from the future): refused as a replay.');
      if (m.Type === 'SubscriptionConfirmation') {
        if (!m.SubscribeURL || !isSnsUrl(m.SubscribeURL, 'subscribe')) return answer(403, 'The SubscribeURL is not on an SNS host of AWS.');
        await confirm(m.SubscribeURL);
        log(`ses webhook: subscription to ${m.TopicArn} confirmed`);
        return answer(200, 'Subscription confirmed.');
      }
      if (m.Type === 'UnsubscribeConfirmation') return answer(200, 'Noted.');
      return once('ses', m.MessageId, async () => {
        const results: FeedbackResult[] = [];
        for (const r of sesReadings(m.Message)) results.push(await actOnReading(r, deps.feedback, 'ses'));
        for (const r of results) log(`ses webhook: ${r.outcome} ${r.kind}: ${r.reason}`);
        return answer(200, `${results.length} event(s) handled.`, results);
      });
    },

    async mailgun(body: string): Promise<WebhookAnswer> {
      if (!deps.mailgunKey) return answer(404, 'The Mailgun webhook is off: set feedback.webhooks.mailgun and MAILGUN_WEBHOOK_SIGNING_KEY.');
      const call = parseMailgunCall(body);
      if (!call) return answer(400, 'Not a Mailgun webhook call.');
      if (!verifyMailgunSignature(call, deps.mailgunKey)) return answer(403, 'Bad signature.');
      if (!fresh(call.timestamp * 1000)) return answer(400, 'Too old (or from the future): refused as a replay.');
      return once('mailgun', call.token, async () => {
        const result = await actOnReading(mailgunReading(call.event), deps.feedback, 'mailgun');
        log(`mailgun webhook: ${result.outcome} ${result.kind}: ${result.reason}`);
        return answer(200, 'Handled.', [result]);
      });
    },
  };
}

export type WebhookReceivers = ReturnType<typeof webhookReceivers>;
