import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueOverridePath, localMedia } from '../../config/index.js';
import type { Transport } from '../../deliver/transport.js';
import { errorMessage } from '../../errors.js';
import { escapeHtml as esc } from '../../render/fill-tokens.js';
import { parseWeekArg } from '../../select/parse-week-arg.js';
import { withStore } from '../../job/with-store.js';
import type { Handler } from '../serve-handler.js';
import { serveStaticFile } from '../serve-static-file.js';
import { MEDIA_PATH } from '../local-media.js';
import { localMediaUrls } from '../../render/local-media-urls.js';
import { approveIssue, revokeApproval } from '../../job/approve-issue.js';
import type { EventHub } from './event-hub.js';
import { darkModeDocument } from './page-email-views.js';
import { previewPage, type PreviewPageModel } from './preview-page.js';
import type { PreviewState } from './preview-state.js';
import { formatTestAddresses, parseTestAddresses, sendTestEmail } from './send-test-email.js';
import { handleStoryAction, handleUndo } from './handle-story-action.js';
import { createOverrideHistory, type OverrideHistory } from './override-history.js';
import { weekChoices } from './week-choices.js';
import { markWeeks } from './week-status.js';
import { isLocalRequest } from './is-local-request.js';
import { readLastSent } from './page-last-sent.js';

// Resolved from the package root, so the compiled dist/web/preview/ finds the same files as src/web/preview/.
export const STATIC_DIR = fileURLToPath(new URL('../../../src/web/preview/static/', import.meta.url));

export interface PreviewHandlerDeps {
  state: PreviewState;
  hub: EventHub;
  /** The transport for "send a test" (default: SMTP on SMTP_URL); tests pass their own. */
  transport?: (() => Transport) | undefined;
  /** Undo of the story buttons (default: a new one, in memory). */
  history?: OverrideHistory | undefined;
  /** With a file watcher: how long a button's answer waits for it to see the write (default 0: no watcher). */
  watchWaitMs?: number | undefined;
}

const html = (body: string, status = 200, extra: Record<string, string> = {}) =>
  new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...extra } });
const plain = (body: string, status: number) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * The preview server's routes: `GET /` (the page; `?week=`), `GET /email?week=&view=desktop|phone|dark|text`
 * (the email itself, for the frames), `GET /__events` (live reload), `GET /static/*`, `POST /send-test` and
 * `POST /approve` (freezes the draft as the approved version), `POST /revoke` (withdraws the approval), `POST /story`
 * (a story's buttons: pin, exclude, up, down, move, edit, written to the override file) and `POST /undo` (the
 * last of those taken back); each answers with a redirect back to the page, which shows the outcome. Every answer but
 * the email frames forbids framing (serveHandler's baseline headers): a page the editor visits cannot load
 * the preview in an invisible frame and trick a click into approving.
 */
export function createPreviewHandler(deps: PreviewHandlerDeps): Handler {
  const { state, hub } = deps;
  const notices = new Map<string, { ok: boolean; text: string }>();
  let noticeCount = 0;
  const history = deps.history ?? createOverrideHistory();
  // What the last "send a test" was given: the form shows it again after the answer and every reload.
  let testAddresses: string | undefined;
  const back = (week: string | null, notice: { ok: boolean; text: string }, anchor?: string) => {
    const id = String(++noticeCount);
    notices.set(id, notice);
    if (notices.size > 20) notices.delete(notices.keys().next().value!);
    const query = new URLSearchParams({ ...(week ? { week } : {}), notice: id });
    return new Response(null, { status: 303, headers: { location: `/?${query}${anchor ? `#${anchor}` : ''}` } });
  };
  const actionsFor = (week: string | undefined): PreviewPageModel['actions'] => {
    const loaded = state.loaded();
    const key = weekKey(state, week);
    if (key === undefined) return undefined;
    const file = issueOverridePath(loaded, key);
    return {
      week: key,
      override: { path: relative(process.cwd(), file) || file, exists: existsSync(file) },
      smtpConfigured: state.env.smtpUrl !== undefined,
      testAddresses,
      undo: history.last(key)?.what,
    };
  };

  return async (req) => {
    const url = new URL(req.url);
    const refusal = isLocalRequest(req);
    if (refusal) return plain(`${refusal}\n`, 403);
    const week = url.searchParams.get('week') || undefined;
    const route = `${req.method} ${url.pathname}`;
    if (url.pathname.startsWith('/static/') && (req.method === 'GET' || req.method === 'HEAD')) {
      return serveStaticFile(STATIC_DIR, url.pathname.slice('/static/'.length));
    }
    const media = localMedia(state.loaded());
    if (media && url.pathname.startsWith(MEDIA_PATH) && (req.method === 'GET' || req.method === 'HEAD')) {
      return serveStaticFile(media.dir, url.pathname.slice(MEDIA_PATH.length));
    }
    switch (route) {
      case 'GET /':
      case 'HEAD /': {
        const build = await state.build(week);
        const notice = notices.get(url.searchParams.get('notice') ?? '');
        const { config } = state.loaded();
        return html(
          previewPage({
            version: state.version,
            config,
            weeks: await markWeeks(weekChoices(state.now(), config.site, config.web.preview.weeksBack), state.loaded(), state.env, state.knownStories()),
            build,
            configError: state.configError(),
            actions: actionsFor(week),
            notice,
            lastSent: await readLastSent(state.env),
          }),
        );
      }
      case 'GET /email': {
        const build = await state.build(week);
        const view = url.searchParams.get('view') ?? 'desktop';
        if (!build.ok) return html(`<!doctype html><p>The issue could not be built: ${esc(build.error.message)}</p>`, 500);
        if (view === 'text') return plain(build.issue.text, 200);
        // the site's pictures from `site.mediaDir` when it is set (the sample's host does not exist)
        const shown = media ? localMediaUrls(build.issue.html, media.url, MEDIA_PATH) : build.issue.html;
        // framed by the preview's own page only (the adapter's default forbids any framing)
        const csp = { 'content-security-policy': "script-src 'none'; frame-ancestors 'self'", 'x-frame-options': 'SAMEORIGIN' };
        if (view === 'dark') return html(darkModeDocument(shown), 200, csp);
        if (view === 'desktop' || view === 'phone') return html(shown, 200, csp);
        return plain(`Unknown view \`${view}\`: expected desktop, phone, dark or text.\n`, 400);
      }
      case 'GET /__events':
        return hub.stream(req.signal);
      case 'POST /story': {
        const outcome = await handleStoryAction(await req.formData().catch(() => undefined), week, { state, history, watchWaitMs: deps.watchWaitMs ?? 0 });
        return back(outcome.week ?? null, outcome.notice, outcome.anchor);
      }
      case 'POST /undo': {
        const key = weekKey(state, week);
        if (key === undefined) return back(week ?? null, { ok: false, text: 'No such week.' });
        const outcome = await handleUndo(key, { state, history, watchWaitMs: deps.watchWaitMs ?? 0 });
        return back(key, outcome.notice);
      }
      case 'POST /send-test': {
        const form = await req.formData().catch(() => undefined);
        const typed = String(form?.get('addresses') ?? '');
        if (typed.trim()) testAddresses = typed.trim().slice(0, 2000);
        const build = await state.build(week);
        if (!build.ok) return back(week ?? null, { ok: false, text: `No test sent: ${build.error.message}` });
        try {
          const addresses = parseTestAddresses(typed);
          testAddresses = formatTestAddresses(addresses);
          const report = await sendTestEmail({
            loaded: state.loaded(),
            env: state.env,
            rendered: build.issue.shown.rendered,
            addresses,
            now: state.now(),
            transport: deps.transport?.(),
          });
          const lines = (report.tests ?? []).map((t) => `${t.email}: ${t.status} (${t.reply})`);
          return back(build.week, { ok: report.run.failed === 0, text: [report.message, ...lines].join(' · ') });
        } catch (error) {
          return back(build.week, { ok: false, text: `No test sent: ${errorMessage(error)}` });
        }
      }
      case 'POST /approve': {
        const build = await state.build(week);
        if (!build.ok) return back(week ?? null, { ok: false, text: `Not approved: ${build.error.message}` });
        const draft = build.issue.draft;
        if (!draft) return back(build.week, { ok: false, text: `Not approved: ${build.week} has gone out; what was sent does not change.` });
        try {
          const { rendered, window } = draft;
          const result = await withStore(state.env.db, (store) => approveIssue(store, state.loaded().config, draft, state.now()));
          state.invalidate(); // the week's state changed: the page is built again
          const text = result.changed ? `Approved ${window.key}: “${rendered.subject}”.` : `${window.key} was already approved (${result.record.approvedAt ?? ''}).`;
          return back(build.week, { ok: true, text });
        } catch (error) {
          return back(build.week, { ok: false, text: `Not approved: ${errorMessage(error)}` });
        }
      }
      case 'POST /revoke': {
        const key = weekKey(state, week);
        if (key === undefined) return back(week ?? null, { ok: false, text: 'No such week.' });
        try {
          const revoked = await withStore(state.env.db, (store) => revokeApproval(store, key, state.now()));
          state.invalidate();
          return back(key, { ok: true, text: revoked ? `Withdrew the approval of ${key}: nothing is sent until it is approved again.` : `${key} was not approved.` });
        } catch (error) {
          return back(key, { ok: false, text: `Not withdrawn: ${errorMessage(error)}` });
        }
      }
      default:
        if (['/', '/email', '/__events', '/send-test', '/approve', '/revoke', '/story', '/undo'].includes(url.pathname)) return plain('Method not allowed.\n', 405);
        return plain('Not found.\n', 404);
    }
  };
}

/** The week key of `?week=` (undefined: the latest complete week), or undefined when it is not a week. */
function weekKey(state: PreviewState, week: string | undefined): string | undefined {
  try {
    return parseWeekArg({ week }, state.loaded().config.site, state.now()).key;
  } catch {
    return undefined;
  }
}
