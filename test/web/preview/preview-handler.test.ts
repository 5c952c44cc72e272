import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getIssue, openDatabase } from '../../../src/store/index.js';
import { followed, testPreview, type TestPreview } from './helpers.js';
import { CONFIG_YAML, makePreviewSite, storyUrl, WEEK, type PreviewSite } from './preview-site.js';

let site: PreviewSite;
let preview: TestPreview;

beforeEach(() => {
  site = makePreviewSite();
  preview = testPreview(site);
});
afterEach(() => {
  preview.hub.close();
  site.remove();
});

describe('the preview page', () => {
  it('shows the latest complete week as subscribers get it: inbox line, three frames, text part, live reload', async () => {
    const res = await preview.get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('<span id="subject" class="inbox-subject">Passkeys arrive at the national bank</span>');
    expect(page).toMatch(/class="inbox-preheader">— \S/);
    for (const view of ['desktop', 'phone', 'dark']) expect(page).toContain(`src="/email?week=${WEEK}&amp;view=${view}"`);
    expect(page).toMatch(/id="frame-phone"[^>]*width="375"/);
    expect(page).toMatch(/id="frame-desktop"[^>]*width="6[0-9]{2}"/);
    // The plain-text part, personalised with the sample subscriber's values.
    expect(page).toMatch(/<pre id="text-part">[^]*Passkeys arrive at the national bank[^]*<\/pre>/);
    expect(page).not.toContain('@@ROUNDUP_');
    expect(page).toContain("new EventSource('/__events')");
    expect(page).toContain(`data-version="${preview.state.version}"`);
  });

  it('offers the next issue and past weeks with stories, leaves out weeks with none, and builds the week asked for', async () => {
    const weekOptions = (page: string) => [...(/<select id="week"[^>]*>(.*?)<\/select>/s.exec(page)?.[1] ?? '').matchAll(/<option value="([^"]+)"(?: data-status="([a-z-]+)")?( selected)?>([^<]*)</g)];
    // before any build nothing is known of the weeks: all offered
    const first = weekOptions(await (await preview.get('/?week=2026-W47')).text());
    // the first page built W47, so the stories are known from the next page on
    const page = await (await preview.get('/')).text();
    const options = weekOptions(page);
    expect(first.length).toBeGreaterThanOrEqual(options.length);
    // W48 (in progress) and W41-W46 have no story published in them (the earliest story read is from 1 Oct, in W40):
    // nothing to preview there, so not offered
    expect(options.map((o) => o[1])).toEqual(['2026-W47', '2026-W40']);
    expect(options.find((o) => o[3])?.[1]).toBe('2026-W47');
    expect(options[0]![4]).toContain('next issue');
    // W46 asked for by URL: the page says why instead of failing, and the picker shows the week asked for
    const thin = await (await preview.get('/?week=2026-W46')).text();
    expect(thin).toContain('ISSUE_TOO_THIN');
    expect(thin).toMatch(/<option value="2026-W46" data-status="no-stories" selected>[^<]* · no stories</);
  });

  it('shows what was picked and why, and what was left out with reasons', async () => {
    const page = await (await preview.get('/')).text();
    const mostRead = /<div class="picked-section" id="section-most-read">([^]*?)<\/ol>/.exec(page)![1]!;
    expect(mostRead).toContain('3 of 3');
    expect(mostRead).toMatch(/Passkeys arrive at the national bank<\/a>\n<div class="meta">900 reads · #1 by reads \(900\) · 2026-11-16<\/div>/);
    // folded, with the counts by reason on its summary line
    const leftOut = /<details class="left-out" id="left-out">([^]*?)<\/details>/.exec(page)![1]!;
    expect(leftOut).toMatch(/<summary><strong>Left out<\/strong> <span class="count">5<\/span> <small>3 over a section’s count · 1 already shown · 1 outside the week<\/small><\/summary>/);
    expect(leftOut).toMatch(/Liveness test fooled by a printed mask<\/a><\/td><td class="num">420<\/td><td><code>over-count<\/code> over the section&#39;s count: “Most Read” takes 3/);
    expect(leftOut).toMatch(/An old favourite still read a lot<\/a><\/td><td class="num">2,000<\/td><td><code>outside-window<\/code> published outside the week/);
    expect(leftOut).toMatch(/<code>already-shown<\/code> already shown in an earlier section \(would also fit “Opinion”\)/);
  });

  it('shows the checks: size as a meter against the clip limit, alt text, links, empty sections', async () => {
    const page = await (await preview.get('/')).text();
    const meter = /<meter id="size-meter" min="0" max="(\d+)" low="(\d+)" high="(\d+)" optimum="0" value="(\d+)">/.exec(page)!;
    expect(Number(meter[3])).toBe(102 * 1024);
    expect(Number(meter[2])).toBe(90 * 1024);
    const html = await (await preview.get(`/email?week=${WEEK}&view=desktop`)).text();
    expect(Number(meter[4])).toBe(Buffer.byteLength(html));
    expect(page).toMatch(/id="check-img-alt"><h3><span class="badge">ok<\/span>/);
    expect(page).toMatch(/id="check-link-not-https"><h3><span class="badge">ok<\/span>/);
    // `papers` (White Papers) and `opinion` get nothing this week.
    const empty = /id="check-empty-section">([^]*?)<\/div>/.exec(page)![1]!;
    expect(empty).toContain('warning');
    expect(empty).toContain('`papers`');
  });

  it('applies the override file: subject, preheader, exclude, pin', async () => {
    site.write(
      `issues/${WEEK}.yaml`,
      `subject: Our pick of the week\npreheader: Five minutes of identity news\nexclude:\n  - ${storyUrl('passkeys-arrive')}\npin:\n  - ${storyUrl('quiet-friday')}\n`,
    );
    const page = await (await preview.get('/')).text();
    expect(page).toContain('<span id="subject" class="inbox-subject">Our pick of the week</span>');
    expect(page).toContain('— Five minutes of identity news');
    expect(page).toMatch(/Passkeys arrive at the national bank<\/a><\/td><td class="num">900<\/td><td><code>excluded<\/code>/);
    expect(page).toMatch(/A quiet Friday in identity news<\/a> <span class="mark">pinned<\/span>\n<div class="meta">5 reads · pinned by the editor/);
    expect(page).toMatch(new RegExp(`The buttons save to <code>[^<]*issues/${WEEK}\\.yaml</code>`));
  });

  it('shows a bad override file with its file and line, and keeps serving', async () => {
    site.write(`issues/${WEEK}.yaml`, 'subject: fine\npin: [oops\n');
    const page = await (await preview.get('/')).text();
    expect(page).toContain('OVERRIDE_INVALID');
    expect(page).toMatch(new RegExp(`<p class="where">In <code>[^<]*issues/${WEEK}\\.yaml:\\d+</code>`));
    expect(page).toContain("new EventSource('/__events')");
    // Fixed, and the next change makes it build again.
    site.write(`issues/${WEEK}.yaml`, 'subject: fixed now\n');
    preview.state.invalidate();
    expect(await (await preview.get('/')).text()).toContain('>fixed now</span>');
  });

  it('shows a template error with the file and line', async () => {
    site.write('templates/partials/footer.mjml', '<mj-section>\n<mj-column>\n{{#if oops}\n</mj-column>\n</mj-section>\n');
    site.write('roundup.yaml', CONFIG_YAML.replace('email:\n', 'email:\n  templatesDir: templates\n'));
    preview.state.invalidate();
    const page = await (await preview.get('/')).text();
    expect(page).toContain('TEMPLATE_INVALID');
    expect(page).toMatch(/<p class="where">In <code>[^<]*templates\/partials\/footer\.mjml:3<\/code>/);
  });

  it('shows a bad MJML tag in a partial as one check naming that partial and its line', async () => {
    site.write('templates/partials/footer.mjml', '{{!-- our footer --}}\n<mj-section>\n<mj-column>\n<mj-txt>Bye</mj-txt>\n</mj-column>\n</mj-section>\n');
    site.write('roundup.yaml', CONFIG_YAML.replace('email:\n', 'email:\n  templatesDir: templates\n'));
    preview.state.invalidate();
    const page = await (await preview.get('/')).text();
    const mjml = [...page.matchAll(/<li><code>mjml<\/code> ([^<]*)<\/li>/g)].map((m) => m[1]);
    expect(mjml).toEqual([expect.stringMatching(/^MJML: [^ ]*templates\/partials\/footer\.mjml:4 &lt;mj-txt&gt;: Element mj-txt doesn&#39;t exist/)]);
  });

  it('keeps the last good config when the file breaks, and says where it broke', async () => {
    site.write('roundup.yaml', 'site:\n  name: [unclosed\n');
    preview.state.invalidate();
    const page = await (await preview.get('/')).text();
    expect(page).toContain('CONFIG_INVALID');
    expect(page).toMatch(/roundup\.yaml:\d+/);
    expect(page).toContain('<option value="2026-W47" selected>');
  });
});

describe('the email frames', () => {
  it('serve the personalised HTML, a dark-mode document, and the text part; scripts are off', async () => {
    const desktop = await preview.get(`/email?week=${WEEK}&view=desktop`);
    expect(desktop.headers.get('content-security-policy')).toBe("script-src 'none'; frame-ancestors 'self'");
    const html = await desktop.text();
    expect(html).toContain('https://newsletter.news.example.org/u/');
    expect(html).not.toContain('@@ROUNDUP_');
    const dark = await (await preview.get(`/email?week=${WEEK}&view=dark`)).text();
    expect(dark).toContain('<meta name="color-scheme" content="dark">');
    expect(dark).not.toMatch(/prefers-color-scheme:\s*dark/);
    expect(html).toMatch(/prefers-color-scheme:\s*dark/);
    const text = await preview.get(`/email?week=${WEEK}&view=text`);
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await text.text()).toContain('Passkeys arrive at the national bank');
    expect((await preview.get(`/email?week=${WEEK}&view=print`)).status).toBe(400);
  });
});

describe('static files and refusals', () => {
  it('serves the stylesheet, refuses `..` with 403 and bad encoding with 400', async () => {
    const css = await preview.get('/static/preview.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await preview.get('/static/..%2F..%2F..%2Fpackage.json')).status).toBe(403);
    expect((await preview.get('/static/..%5Cpreview-handler.ts')).status).toBe(403);
    expect((await preview.get('/static/%E0%A4%A')).status).toBe(400);
    expect((await preview.get('/static/nothing.css')).status).toBe(404);
    expect((await preview.get('/nowhere')).status).toBe(404);
  });

  it('refuses other host names (DNS rebinding) and posts from other sites', async () => {
    expect((await preview.handler(new Request('http://evil.example:4000/'))).status).toBe(403);
    const crossSite = await preview.post(`/approve?week=${WEEK}`, {}, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    // what browsers say of a post from another port of localhost (same site, not same origin), from another
    // site, or from a sandboxed frame of one (Origin: null)
    for (const headers of [
      { 'sec-fetch-site': 'same-site', origin: 'http://localhost:9999' },
      { 'sec-fetch-site': 'cross-site', origin: 'null' },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-site' },
    ] as Record<string, string>[]) {
      expect((await preview.post(`/approve?week=${WEEK}`, {}, headers)).status, JSON.stringify(headers)).toBe(403);
    }
    const db = openDatabase(site.db);
    expect(getIssue(db, WEEK)).toBeUndefined();
    db.close();
  });
});

describe('approve and send a test from the page', () => {
  it('Approve marks the issue approved in the database; a second press changes nothing', async () => {
    let page = await (await preview.get('/')).text();
    expect(page).toContain('<span id="approval-status" class="state state-none" data-state="none">Draft: not approved yet.</span>');
    expect(page).toContain(`action="/approve?week=${WEEK}"`);
    // the page's own form, as a browser posts it under Referrer-Policy: no-referrer
    page = await followed(preview, await preview.post(`/approve?week=${WEEK}`, {}, { origin: 'null', 'sec-fetch-site': 'same-origin' }));
    expect(page).toContain(`Approved ${WEEK}: “Passkeys arrive at the national bank”.`);
    expect(page).toMatch(/<span id="approval-status" class="state state-approved" data-state="approved">Approved 2026-11-25T12:00:00.000Z: this version is what will be sent\.<\/span>/);
    expect(page).toContain('id="revoke"');
    expect(page).not.toContain('id="approve"');
    const db = openDatabase(site.db);
    expect(getIssue(db, WEEK)).toMatchObject({ status: 'approved', approvedAt: '2026-11-25T12:00:00.000Z' });
    db.close();
    page = await followed(preview, await preview.post(`/approve?week=${WEEK}`, {}));
    expect(page).toContain(`${WEEK} was already approved`);
  });

  it('after an edit the page says "changed since approval" and what changed, offers to approve this version, and can withdraw', async () => {
    await followed(preview, await preview.post(`/approve?week=${WEEK}`, {}));
    site.write(`issues/${WEEK}.yaml`, 'subject: "A subject written after approval"\n');
    preview.state.invalidate();
    let page = await (await preview.get('/')).text();
    expect(page).toContain('data-state="changed"');
    expect(page).not.toContain('data-state="approved"');
    const banner = /<div class="banner banner-changed" id="state-banner"[^>]*>([^]*?)<\/div>/.exec(page)![1]!;
    expect(banner).toContain('Changed since approval.');
    expect(banner).toContain('nothing is sent until this version is approved');
    expect(banner).toContain('changed by the editor: the override file (new)');
    expect(banner).toContain('subject: “Passkeys arrive at the national bank” → “A subject written after approval”');
    expect(page).toContain('>Approve this version</button>');

    page = await followed(preview, await preview.post(`/approve?week=${WEEK}`, {}));
    expect(page).toContain('data-state="approved"');
    expect(page).not.toContain('id="state-banner"');
    const db = openDatabase(site.db);
    expect(getIssue(db, WEEK)?.subject).toBe('A subject written after approval');
    db.close();

    page = await followed(preview, await preview.post(`/revoke?week=${WEEK}`, {}));
    expect(page).toContain(`Withdrew the approval of ${WEEK}`);
    expect(page).toContain('data-state="draft"');
    expect(page).toContain(`>Approve ${WEEK}</button>`);
  });

  it('never says "Approved" while a check fails: the draft is "changed", and approving it is refused', async () => {
    await followed(preview, await preview.post(`/approve?week=${WEEK}`, {}));
    site.write('roundup.yaml', `${CONFIG_YAML.replace('  postalAddress:', '  checks: { warnKb: 1, errorKb: 2 }\n  postalAddress:')}`);
    preview.state.invalidate();
    const page = await (await preview.get('/')).text();
    expect(page).toContain('class="check check-error"');
    expect(page).toContain('data-state="changed"');
    expect(page).not.toMatch(/id="approval-status"[^>]*>Approved/);
    expect(page).toContain('Fix the check errors to approve.');
    expect(page).toMatch(/id="checks-state" class="pill pill-error">\d+ errors?/);
    const refused = await followed(preview, await preview.post(`/approve?week=${WEEK}`, {}));
    expect(refused).toMatch(/Not approved: .*cannot be approved: the rendered email failed/);
  });

  it('without SMTP_URL the page explains how to set it, and a post says so', async () => {
    const page = await (await preview.get('/')).text();
    expect(page).toMatch(/id="smtp-help">SMTP_URL is not set/);
    const after = await followed(preview, await preview.post(`/send-test?week=${WEEK}`, { addresses: 'ed@example.com' }));
    expect(after).toMatch(/class="notice notice-error"[^>]*>No test sent: SMTP_URL is not set/);
  });
});
