// The SMTP transport passes the transport contract (test/deliver/transport-contract.ts); a new transport runs it too.
import { createConnectionPoolTransport } from '../../src/deliver/connection-pool-transport.js';
import { transportContract } from './transport-contract.js';

transportContract('connection pool (SMTPConnection, the default)', createConnectionPoolTransport);
