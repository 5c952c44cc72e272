import type { SendMailOptions } from 'nodemailer/lib/mailer';
import { fillTokens } from '../render/fill-tokens.js';
import { cleanHeaderText } from './header-encoding.js';
import {
  LIST_UNSUBSCRIBE_POST,
  listUnsubscribeValue,
  tokenValues,
  toCrlf,
  type MessageSpec,
  type RecipientFields,
} from './message-spec.js';

/**
 * One subscriber's message as nodemailer options: nodemailer builds the MIME from scratch (multipart/alternative,
 * text then HTML, transfer encoding of its choosing). This is the reference the fast path (compileMessage) is
 * tested against, and the "naive way" the send benchmark compares with; the send loop itself does not use it.
 */
export function composeMessage(spec: MessageSpec, fields: RecipientFields): SendMailOptions {
  const values = tokenValues(fields);
  const options: SendMailOptions = {
    from: { name: cleanHeaderText(spec.from.name), address: spec.from.address },
    to: { name: cleanHeaderText(fields.name), address: fields.email },
    subject: cleanHeaderText(spec.subject),
    date: spec.date,
    messageId: `<${fields.messageId}>`,
    headers: {
      'List-Id': { prepared: true, value: spec.listId },
      'List-Unsubscribe': { prepared: true, value: listUnsubscribeValue(spec, fields) },
      'List-Unsubscribe-Post': { prepared: true, value: LIST_UNSUBSCRIBE_POST },
      ...(spec.feedbackId ? { 'Feedback-ID': { prepared: true, value: spec.feedbackId } } : {}),
    },
    text: toCrlf(fillTokens(spec.text, values, 'text', spec.tokens, spec.links)),
    html: toCrlf(fillTokens(spec.html, values, 'html', spec.tokens, spec.links)),
    envelope: { from: fields.returnPath ?? spec.from.address, to: [fields.email] },
  };
  if (typeof spec.replyTo === 'string') options.replyTo = spec.replyTo;
  else if (spec.replyTo) options.replyTo = { name: cleanHeaderText(spec.replyTo.name), address: spec.replyTo.address };
  return options;
}
