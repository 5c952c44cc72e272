import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDir, readEnv } from '../../src/config/env.js';
import { isRoundupError } from '../../src/errors.js';

describe('readEnv: the analytics APIs\' secrets', () => {
  it('reads GOOGLE_APPLICATION_CREDENTIALS, PLAUSIBLE_API_KEY and MATOMO_TOKEN, trimmed, and nothing when unset', () => {
    expect(readEnv({}).analytics).toBeUndefined();
    expect(
      readEnv({ GOOGLE_APPLICATION_CREDENTIALS: ' /keys/sa.json ', PLAUSIBLE_API_KEY: 'pk-1\n', MATOMO_TOKEN: 'abc123' }).analytics,
    ).toEqual({ googleCredentialsFile: '/keys/sa.json', plausibleApiKey: 'pk-1', matomoToken: 'abc123' });
  });

  it('refuses a MATOMO_TOKEN pasted with its name, without echoing it', () => {
    let error: unknown;
    try {
      readEnv({ MATOMO_TOKEN: 'token_auth=abc123' });
    } catch (e) {
      error = e;
    }
    expect(isRoundupError(error, 'ENV_INVALID')).toBe(true);
    expect((error as Error).message).not.toContain('abc123');
  });
});

describe('dataDir', () => {
  it('is the database file\'s folder, and none for an in-memory database', () => {
    expect(dataDir({ db: '/srv/roundup/data/roundup.db' })).toBe('/srv/roundup/data');
    expect(dataDir({ db: ':memory:' })).toBeUndefined();
  });

  it('is ROUNDUP_DATA_DIR when set; with PostgreSQL, data/ of the working folder (never a path made of the URL)', () => {
    expect(dataDir(readEnv({ ROUNDUP_DB: 'postgres://r:pw@db.example.net/roundup' }))).toBe(resolve('data'));
    expect(dataDir(readEnv({ ROUNDUP_DB: 'postgres://r:pw@db.example.net/roundup', ROUNDUP_DATA_DIR: '/var/cache/roundup' }))).toBe('/var/cache/roundup');
    expect(dataDir(readEnv({ ROUNDUP_DB: '/srv/x/roundup.db', ROUNDUP_DATA_DIR: '/var/cache/roundup' }))).toBe('/var/cache/roundup');
  });
});
