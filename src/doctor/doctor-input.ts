import type { LoadedConfig } from '../config/index.js';
import { addressDomain } from '../deliver/header-encoding.js';
import { readDkimKey } from '../deliver/read-dkim-key.js';
import { RoundupError } from '../errors.js';
import { dkimPublicKey } from './dkim-public-key.js';

/** What the checks look at, taken from the config once. */
export interface DoctorInput {
  fromAddress: string;
  fromDomain: string;
  /** The envelope sender's domain (MAIL FROM: `delivery.returnPath`, else the From address), where bounces go. */
  returnPathDomain: string;
  /** Roundup signs (the key's public half), the relay signs, or nobody does. */
  dkim: { domain: string; selector: string; publicKey: string } | 'relay' | undefined;
  missingDkim: 'warn' | 'fail';
}

export function doctorInput(loaded: Pick<LoadedConfig, 'config' | 'dir' | 'file'>): DoctorInput {
  const { email, delivery } = loaded.config;
  if (!email.from) {
    throw new RoundupError(
      'CONFIG_INVALID',
      `${loaded.file}: \`email.from.address\` is not set: there is no sender to check. Add it under \`email: from:\`, on your own domain.`,
    );
  }
  const fromDomain = addressDomain(email.from.address);
  const dkim = delivery.dkim;
  let signing: DoctorInput['dkim'];
  if (dkim === 'relay') signing = 'relay';
  else if (dkim !== undefined) {
    const pem = readDkimKey(loaded, dkim.keyFile);
    let publicKey: string;
    try {
      publicKey = dkimPublicKey(pem);
    } catch (cause) {
      throw new RoundupError(
        'CONFIG_INVALID',
        `${loaded.file}: \`delivery.dkim.keyFile\` \`${dkim.keyFile}\` is not a PEM private key (${(cause as Error).message}). ` +
          'Make one with `openssl genrsa -out dkim.pem 2048`.',
        { cause },
      );
    }
    signing = { domain: dkim.domain.toLowerCase(), selector: dkim.selector, publicKey };
  }
  return {
    fromAddress: email.from.address,
    fromDomain,
    returnPathDomain: delivery.returnPath ? addressDomain(delivery.returnPath).toLowerCase() : fromDomain,
    dkim: signing,
    missingDkim: delivery.doctor.missingDkim,
  };
}
