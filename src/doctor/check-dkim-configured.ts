import type { DoctorInput } from './doctor-input.js';
import { result, type DoctorResult } from './doctor-result.js';

/** `dkim-configured`: Roundup signs, or the relay is declared to; neither is a WARN (FAIL with `missingDkim: fail`). */
export function checkDkimConfigured(input: DoctorInput): DoctorResult {
  if (input.dkim === 'relay') {
    return result('dkim-configured', 'pass', 'The SMTP relay signs (`delivery.dkim: relay`); Roundup cannot check its key: send yourself a test and look for `dkim=pass` with your domain in Authentication-Results.');
  }
  if (input.dkim !== undefined) {
    return result('dkim-configured', 'pass', `Roundup signs as ${input.dkim.domain} with selector ${input.dkim.selector}.`);
  }
  return result(
    'dkim-configured',
    input.missingDkim,
    `No DKIM: \`delivery.dkim\` is not set, so mail goes out unsigned unless the relay signs it. Gmail and Yahoo require DKIM of bulk senders. ` +
      `(This is a ${input.missingDkim.toUpperCase()} because \`delivery.doctor.missingDkim\` is \`${input.missingDkim}\`.)`,
    `Make a key (\`openssl genrsa -out dkim.pem 2048\`), set \`delivery.dkim: { domain: ${input.fromDomain}, selector: roundup1, keyFile: dkim.pem }\` ` +
      'and publish the record `roundup doctor` then prints; or, when your SMTP provider signs with your domain, set `delivery.dkim: relay`.',
  );
}
