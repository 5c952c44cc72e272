import { createPrivateKey } from 'node:crypto';
import DKIM from 'nodemailer/lib/dkim';
import { RoundupError } from '../errors.js';

/** Headers the DKIM signature covers (those present are signed; List-Unsubscribe-Post per RFC 8058). */
export const DKIM_HEADERS =
  'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:List-Id:List-Unsubscribe:List-Unsubscribe-Post:Feedback-ID';

export interface DkimSettings {
  domain: string;
  selector: string;
  /** The private key's PEM text. */
  privateKey: string;
}

/** Signs one complete message (CRLF line ends) and returns it with the DKIM-Signature header first. */
export type DkimSigner = (raw: Buffer) => Promise<Buffer>;

/**
 * nodemailer's DKIM signer (relaxed/relaxed, sha256) over DKIM_HEADERS, collected into one Buffer so that the
 * connection sends it in one write. The key is checked here, once: a key that does not parse is a setup error
 * (CONFIG_INVALID), not a failure of every message.
 */
export function createDkimSigner(settings: DkimSettings): DkimSigner {
  try {
    createPrivateKey(settings.privateKey);
  } catch (cause) {
    throw new RoundupError(
      'CONFIG_INVALID',
      `\`delivery.dkim\`: the private key for ${settings.selector}._domainkey.${settings.domain} is not a PEM private key ` +
        `(${(cause as Error).message}). Point \`delivery.dkim.keyFile\` at a key made with e.g. \`openssl genrsa -out dkim.pem 2048\`.`,
      { cause },
    );
  }
  const dkim = new DKIM({
    domainName: settings.domain,
    keySelector: settings.selector,
    privateKey: settings.privateKey,
    headerFieldNames: DKIM_HEADERS,
  });
  return (raw) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const signed = dkim.sign(raw);
      signed.on('data', (chunk: Buffer) => chunks.push(chunk));
      signed.once('error', reject);
      signed.once('end', () => resolve(Buffer.concat(chunks)));
    });
}
