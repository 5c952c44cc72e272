// Both SMTP transports pass the same contract (test/deliver/transport-contract.ts).
import { createConnectionPoolTransport } from '../../src/deliver/connection-pool-transport.js';
import { createSmtpTransport } from '../../src/deliver/smtp-transport.js';
import { transportContract } from './transport-contract.js';

transportContract('connection pool (SMTPConnection, the default)', createConnectionPoolTransport);
transportContract('nodemailer pool (sendMail with raw)', createSmtpTransport);
