// Builds the preview's handler over a temp site, without a socket.
import { readEnv } from '../../../src/config/index.js';
import type { Transport } from '../../../src/deliver/transport.js';
import { createEventHub, type EventHub } from '../../../src/web/preview/event-hub.js';
import { createPreviewHandler } from '../../../src/web/preview/preview-handler.js';
import { createPreviewState, type PreviewState } from '../../../src/web/preview/preview-state.js';
import type { Handler } from '../../../src/web/serve-handler.js';
import { NOW, type PreviewSite } from './preview-site.js';

export interface TestPreview {
  state: PreviewState;
  hub: EventHub;
  handler: Handler;
  get(path: string, init?: RequestInit): Promise<Response>;
  post(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
}

export const BASE = 'http://127.0.0.1:4000';

export function testPreview(site: PreviewSite, env: Record<string, string> = {}, transport?: () => Transport): TestPreview {
  const state = createPreviewState({ configFile: site.configFile, env: readEnv({ ROUNDUP_DB: site.db, ...env }), now: () => NOW });
  const hub = createEventHub(() => state.version);
  const handler = createPreviewHandler({ state, hub, transport });
  return {
    state,
    hub,
    handler,
    get: (path, init) => handler(new Request(`${BASE}${path}`, init)),
    post: (path, form, headers = {}) =>
      handler(
        new Request(`${BASE}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body: new URLSearchParams(form).toString(),
        }),
      ),
  };
}

/** Follows the redirect a POST answers with, and returns the page it leads to. */
export async function followed(preview: TestPreview, response: Response): Promise<string> {
  const location = response.headers.get('location');
  if (response.status !== 303 || !location) throw new Error(`expected a 303 redirect, got ${response.status}`);
  return (await preview.get(location)).text();
}
