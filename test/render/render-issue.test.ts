import { mkdtemp, mkdir, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isRoundupError } from '../../src/errors.js';
import { fillParts } from '../../src/render/fill-tokens.js';
import { renderIssue } from '../../src/render/render-issue.js';
import { ANY_TOKEN, type TokenValues } from '../../src/render/tokens.js';
import { allStories, renderConfig, sampleDigest, story, withOwnLinks } from './render-fixtures.js';

const configDir = process.cwd();
const values: TokenValues = {
  name: 'Ada <Lovelace>',
  email: 'ada@example.org',
  unsubscribeUrl: 'https://newsletter.identitywire.example/unsubscribe/abc.def',
  preferencesUrl: 'https://newsletter.identitywire.example/preferences/abc.def',
};

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roundup-render-'));
  temps.push(dir);
  return dir;
}

/** Unescapes what Handlebars escapes in attributes (`&` and `=`), to compare hrefs with URLs. */
const hrefs = (html: string) =>
  [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&'));

describe('renderIssue on the sample digest', () => {
  it('matches the file snapshots of the HTML and the text', async () => {
    const rendered = await renderIssue(sampleDigest(), { config: renderConfig(), configDir });
    const own = withOwnLinks(rendered);
    await expect(own.html).toMatchFileSnapshot('./__snapshots__/sample-digest.html');
    await expect(own.text).toMatchFileSnapshot('./__snapshots__/sample-digest.txt');
    expect(rendered.subject).toBe('EU Digital Identity Wallet pilots go live in six member states');
    expect(rendered.preheader).toMatch(/^Also this week: Deepfake injection attacks/);
  });

  it('has every selected story with its tracked link, in both parts, and passes the checks', async () => {
    const digest = sampleDigest();
    const rendered = await renderIssue(digest, { config: renderConfig(), configDir });
    expect(rendered.checks).toEqual([]);
    const own = withOwnLinks(rendered);
    const links = hrefs(own.html);
    for (const section of digest.sections) {
      for (const s of section.stories) {
        const url = new URL(s.url);
        url.search = `utm_source=identitywire&utm_medium=email&utm_campaign=roundup-2026-W48&utm_content=${section.id}`;
        expect(links, s.title).toContain(url.href);
        expect(own.text, s.title).toContain(url.href);
        expect(rendered.html).toContain(s.title.replaceAll('&', '&amp;'));
      }
    }
    expect(allStories(digest)).toHaveLength(24);
  });

  it('puts UTM parameters on every link to the site', async () => {
    const rendered = await renderIssue(sampleDigest(), { config: renderConfig(), configDir });
    const site = hrefs(withOwnLinks(rendered).html).filter((h) => h.startsWith('https://www.identitywire.example/'));
    expect(site.length).toBeGreaterThan(24);
    for (const href of site) {
      const url = new URL(href);
      expect(url.searchParams.get('utm_source'), href).toBe('identitywire');
      expect(url.searchParams.get('utm_campaign'), href).toBe('roundup-2026-W48');
      expect(url.searchParams.get('utm_content'), href).toMatch(/^[a-z-]+$/);
    }
  });

  it('keeps the unsubscribe token in both parts before filling, and leaves no token after', async () => {
    const rendered = await renderIssue(sampleDigest(), { config: renderConfig(), configDir });
    expect(rendered.html).toContain(`href="${rendered.tokens.unsubscribeUrl}"`);
    expect(rendered.text).toContain(rendered.tokens.unsubscribeUrl);
    const { html, text } = fillParts(rendered, values);
    expect(html.match(ANY_TOKEN)).toBeNull();
    expect(text.match(ANY_TOKEN)).toBeNull();
    expect(html).toContain(`href="${values.unsubscribeUrl}"`);
    expect(text).toContain(values.unsubscribeUrl);
    expect(html).toContain('https://newsletter.identitywire.example/issues/2026-W48');
  });

  it('sets lang from the site language, colour-scheme meta, and no web font link unless configured', async () => {
    const rendered = await renderIssue(sampleDigest(), { config: renderConfig(), configDir });
    expect(rendered.html).toMatch(/<html lang="en-GB"/);
    expect(rendered.html).toContain('<meta name="color-scheme" content="light dark">');
    expect(rendered.html).toContain('<meta name="supported-color-schemes" content="light dark">');
    expect(rendered.html).toContain('@media (prefers-color-scheme: dark)');
    expect(rendered.html).not.toMatch(/<link[^>]+stylesheet/);

    const withFont = await renderIssue(sampleDigest(), {
      config: renderConfig({ brand: { fontFamily: 'Inter, Arial, sans-serif', webFontUrl: 'https://fonts.example/inter.css' } }),
      configDir,
    });
    expect(withFont.html).toMatch(/<link href="https:\/\/fonts\.example\/inter\.css" rel="stylesheet"/);
  });

  it('writes text lines under 80 columns, except a line that is one word holding a URL', async () => {
    const rendered = await renderIssue(sampleDigest(), { config: renderConfig(), configDir });
    const { text } = fillParts(rendered, values);
    const long = text.split('\n').filter((line) => line.length >= 80 && !/^\s*\S*https?:\/\/\S+$/.test(line));
    expect(long).toEqual([]);
    expect(text).toContain('1. EU Digital Identity Wallet pilots go live in six member states');
    expect(text).toContain('4,812 reads');
    expect(text).toContain('Thu 3 Dec 2026 – Fri 4 Dec 2026, RAI, Amsterdam');
    expect(text).not.toMatch(/<[a-z][^>]*>/i);
  });

  it('shows read counts, event dates and the featured company in the HTML', async () => {
    const rendered = await renderIssue(sampleDigest(), { config: renderConfig(), configDir });
    expect(rendered.html).toContain('4,812 reads');
    expect(rendered.html).toContain('Thu 3 Dec 2026 – Fri 4 Dec 2026 &middot; RAI, Amsterdam');
    expect(rendered.html).toContain('Tue 8 Dec 2026, 15:00–16:00 GMT');
    expect(rendered.html).toContain('alt="Veridex Labs logo"');
    expect(rendered.html).toContain('Identity Wire Ltd, 10 Example Street, London EC1A 1AA, United Kingdom');
    // An image without its own alt gets the story's title.
    expect(rendered.html).toContain('alt="Deepfake injection attacks on remote onboarding tripled this year, says report"');
  });
});

describe('images', () => {
  it('uses the source URLs at their shown sizes by default, with width, height and alt', async () => {
    const rendered = await renderIssue(sampleDigest(), { config: renderConfig(), configDir });
    const lead = /<img class="rw-img" src="([^"]+)" alt="[^"]+" width="552" height="(\d+)"/.exec(rendered.html)!;
    const image = sampleDigest().sections.find((s) => s.kind === 'featured')!.stories[0]!.image!;
    expect(lead[1]).toBe(image.url);
    expect(Number(lead[2])).toBe(Math.round((552 * image.height!) / image.width!));
    expect(rendered.html).toMatch(/width="96" height="54"/);
  });

  it('asks a resizer for the lead at twice its slot and for thumbnails at their shown size', async () => {
    const photon = await renderIssue(sampleDigest(), { config: renderConfig({ images: { resize: 'https://i0.wp.com/{hostAndPath}?w={width}' } }), configDir });
    const srcs = [...photon.html.matchAll(/<img\b[^>]*\bsrc="([^"]+)"[^>]*\bwidth="(\d+)"/g)].map((m) => [m[1]!.replaceAll('&#x3D;', '='), m[2]]);
    const lead = srcs.filter(([, w]) => w === '552');
    expect(lead).toHaveLength(1);
    expect(lead[0]![0]).toMatch(/^https:\/\/i0\.wp\.com\/www\.identitywire\.example\/media\/2026\/11\/[a-z0-9-]+\.jpg\?w=1104$/);
    const thumbs = srcs.filter(([, w]) => w === '96');
    expect(thumbs.length).toBeGreaterThan(10);
    for (const [src] of thumbs) expect(src).toMatch(/^https:\/\/i0\.wp\.com\/www\.identitywire\.example\/.+\?w=96$/);

    const proxy = await renderIssue(sampleDigest(), { config: renderConfig({ images: { resize: 'https://img.example/resize?width={width}&src={url}' } }), configDir });
    expect(proxy.html).toContain(`src="https://img.example/resize?width&#x3D;96&amp;src&#x3D;${encodeURIComponent('https://www.identitywire.example/media/companies/veridex-labs.png')}"`);
    expect(proxy.checks.filter((c) => c.level === 'error')).toEqual([]);
  });

  it('refuses a resize pattern without {width} or an image placeholder, naming the key', () => {
    expect(() => renderConfig({ images: { resize: 'https://i0.wp.com/{hostAndPath}' } })).toThrow(/\{width\}/);
    expect(() => renderConfig({ images: { resize: 'https://i0.wp.com/x?w={width}' } })).toThrow(/\{url\}/);
    expect(() => renderConfig({ images: { resize: '/resize/{width}/{url}' } })).toThrow(/absolute http/);
  });
});

describe('renderIssue with hostile content', () => {
  it('escapes titles once and never runs them as templates', async () => {
    const digest = sampleDigest();
    const first = digest.sections[0]!;
    first.stories[0] = story({ title: '{{constructor}} and {{#each x}}loop{{/each}}', excerpt: '<script>alert(1)</script> & more' });
    first.stories[1] = story({ url: 'https://www.identitywire.example/b/', title: 'Tom &amp; Jerry <b>bold</b> "quoted"', excerpt: 'A & B' });
    digest.intro = 'Hello <img src=x onerror=alert(1)> {{x}}';
    const rendered = await renderIssue(digest, { config: renderConfig(), configDir });
    const html = rendered.html;
    expect(html).toContain('{{constructor}} and {{#each x}}loop{{/each}}');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Tom &amp;amp; Jerry &lt;b&gt;bold&lt;/b&gt; &quot;quoted&quot;');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; {{x}}');
    expect(html).not.toContain('onerror=alert(1)>');
    expect(rendered.text).toContain('{{constructor}} and {{#each x}}loop{{/each}}');
    expect(rendered.text).toContain('Tom &amp; Jerry <b>bold</b> "quoted"');
    expect(rendered.subject).toBe('{{constructor}} and {{#each x}}loop{{/each}}');
  });

  it('drops a link that is not http(s) with a warning, and warns about http', async () => {
    const digest = sampleDigest();
    digest.sections[0]!.stories[0] = story({ url: 'javascript:alert(1)', title: 'Bad link' });
    digest.sections[0]!.stories[1] = story({ url: 'http://www.identitywire.example/plain/', title: 'Plain http' });
    const rendered = await renderIssue(digest, { config: renderConfig(), configDir });
    expect(rendered.html).not.toContain('javascript:');
    expect(rendered.html).toContain('Bad link');
    const codes = rendered.checks.map((c) => `${c.level}:${c.code}`);
    expect(codes).toContain('warning:link-not-https');
    expect(rendered.checks.some((c) => c.message.includes('javascript:alert(1)'))).toBe(true);
    expect(rendered.checks.some((c) => c.message.includes('http://www.identitywire.example/plain/'))).toBe(true);
  });

  it('leaves out empty sections with a warning', async () => {
    const digest = sampleDigest();
    digest.sections[3]!.stories = [];
    const rendered = await renderIssue(digest, { config: renderConfig(), configDir });
    expect(rendered.html).not.toContain('Insight, Opinion');
    expect(rendered.checks).toContainEqual(expect.objectContaining({ level: 'warning', code: 'empty-section' }));
  });
});

describe('subject and preheader', () => {
  it('uses the editor override as written, as plain text', async () => {
    const digest = sampleDigest();
    digest.subject = 'Wallets & "deepfakes" {{x}}';
    digest.preheader = 'Line one\nline two';
    const rendered = await renderIssue(digest, { config: renderConfig(), configDir });
    expect(rendered.subject).toBe('Wallets & "deepfakes" {{x}}');
    expect(rendered.preheader).toBe('Line one line two');
    expect(rendered.html).toContain('<title>Wallets &amp; &quot;deepfakes&quot; {{x}}</title>');
  });

  it('uses config templates without HTML escaping', async () => {
    const digest = sampleDigest();
    digest.sections[0]!.stories[0]!.title = 'Q&A: "wallets"';
    const rendered = await renderIssue(digest, {
      config: renderConfig({ subject: '{{publication}} #{{issue}}: {{topTitle}}', preheader: '{{storyCount}} stories' }),
      configDir,
    });
    expect(rendered.subject).toBe('Identity Wire #2026-W48: Q&A: "wallets"');
    expect(rendered.preheader).toBe('24 stories');
  });
});

describe('templates', () => {
  it('takes a file from email.templatesDir over the bundled one', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'mine', 'partials'), { recursive: true });
    await writeFile(
      join(dir, 'mine', 'partials', 'footer.mjml'),
      '<mj-section><mj-column><mj-text>Custom footer for {{publication.name}} <a href="{{subscriber.unsubscribeUrl}}">Leave</a></mj-text></mj-column></mj-section>',
    );
    await writeFile(join(dir, 'mine', 'text.hbs'), 'Plain {{publication.name}}\n{{subscriber.unsubscribeUrl}}\n');
    const rendered = await renderIssue(sampleDigest(), { config: renderConfig({ templatesDir: 'mine' }), configDir: dir });
    expect(rendered.html).toContain('Custom footer for Identity Wire');
    expect(rendered.html).not.toContain('Manage your preferences');
    expect(rendered.text).toBe(`Plain Identity Wire\n${rendered.tokens.unsubscribeUrl}\n`);
  });

  it('names the file of a template that does not compile (TEMPLATE_INVALID)', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'broken', 'partials'), { recursive: true });
    await writeFile(join(dir, 'broken', 'partials', 'header.mjml'), '<mj-section>{{#if brand}}unclosed</mj-section>');
    const error = await renderIssue(sampleDigest(), { config: renderConfig({ templatesDir: 'broken' }), configDir: dir }).catch((e: unknown) => e);
    expect(isRoundupError(error, 'TEMPLATE_INVALID')).toBe(true);
    expect((error as Error).message).toContain(join('broken', 'partials', 'header.mjml'));
  });

  it('names the partial that fails while rendering', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'o', 'partials'), { recursive: true });
    await writeFile(join(dir, 'o', 'partials', 'intro.mjml'), '{{> no-such-partial}}');
    const error = await renderIssue(sampleDigest(), { config: renderConfig({ templatesDir: 'o' }), configDir: dir }).catch((e: unknown) => e);
    expect(isRoundupError(error, 'TEMPLATE_INVALID')).toBe(true);
    expect((error as Error).message).toContain(join('o', 'partials', 'intro.mjml'));
    expect((error as Error).message).toContain('no-such-partial');
  });

  it('refuses invalid MJML under strict validation and reports it as a check under soft', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'bad', 'partials'), { recursive: true });
    await writeFile(
      join(dir, 'bad', 'partials', 'intro.mjml'),
      '<mj-section><mj-column><mj-text color="not-a-colour">Hi</mj-text></mj-column></mj-section>',
    );
    const config = renderConfig({ templatesDir: 'bad' });
    const error = await renderIssue(sampleDigest(), { config, configDir: dir }).catch((e: unknown) => e);
    expect(isRoundupError(error, 'TEMPLATE_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(/mj-text/);
    const soft = await renderIssue(sampleDigest(), { config, configDir: dir, validationLevel: 'soft' });
    expect(soft.checks).toContainEqual(expect.objectContaining({ level: 'error', code: 'mjml' }));
  });

  it('names the partial and its own line for a bad tag in it, once with a count, not once per story and child', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'bad', 'partials'), { recursive: true });
    const bundled = await readFile(new URL('../../templates/partials/story-row.mjml', import.meta.url), 'utf8');
    const line = bundled.split('\n').findIndex((l) => l.trim() === '<mj-text>') + 1;
    expect(line).toBeGreaterThan(1);
    await writeFile(join(dir, 'bad', 'partials', 'story-row.mjml'), bundled.replace('<mj-text>', '<mj-textt>').replace('</mj-text>', '</mj-textt>'));
    const config = renderConfig({ templatesDir: 'bad' });
    const error = await renderIssue(sampleDigest(), { config, configDir: dir }).catch((e: unknown) => e);
    expect(isRoundupError(error, 'TEMPLATE_INVALID')).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(new RegExp(`bad/partials/story-row\\.mjml:${line} <mj-textt>: Element mj-textt doesn't exist or is not registered \\(\\d+ times`));
    // one problem, not one per story and per table, row and cell inside the tag
    expect(message.split('\n').filter((l) => l.startsWith('  '))).toHaveLength(1);
    expect(message).not.toMatch(/<table>|<td>/);
    const soft = await renderIssue(sampleDigest(), { config, configDir: dir, validationLevel: 'soft' });
    const mjml = soft.checks.filter((c) => c.code === 'mjml');
    expect(mjml).toHaveLength(1);
    expect(mjml[0]!.message).toContain(`story-row.mjml:${line} <mj-textt>`);
  });

  it('traces a bad attribute in a partial inside a partial, and a bad tag in the layout, to their own files and lines', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'bad', 'partials'), { recursive: true });
    const heading = await readFile(new URL('../../templates/partials/section-heading.mjml', import.meta.url), 'utf8');
    await writeFile(join(dir, 'bad', 'partials', 'section-heading.mjml'), `{{!-- a comment\n of two lines --}}\n${heading.replace('<mj-text ', '<mj-text colr="x" ')}`);
    const layout = await readFile(new URL('../../templates/layout.mjml', import.meta.url), 'utf8');
    const lines = layout.split('\n');
    const at = lines.findIndex((l) => l.includes('<mj-breakpoint')) + 1;
    lines.splice(at, 0, '    <mj-bogus />');
    await writeFile(join(dir, 'bad', 'layout.mjml'), lines.join('\n'));
    const error = await renderIssue(sampleDigest(), { config: renderConfig({ templatesDir: 'bad' }), configDir: dir }).catch((e: unknown) => e);
    const message = (error as Error).message;
    expect(message).toContain(`bad/layout.mjml:${at + 1} <mj-bogus>`);
    expect(message).toMatch(/bad\/partials\/section-heading\.mjml:3 <mj-text>: Attribute colr is illegal \(\d+ times/);
  });

  it('a story title that looks like a partial marker stays in the email as written', async () => {
    const digest = sampleDigest();
    digest.sections[0]!.stories[0]!.title = 'Odd \uE000abc:0\uE001 title \uE000abc:end\uE001';
    const rendered = await renderIssue(digest, { config: renderConfig(), configDir });
    expect(rendered.html).toContain('Odd \uE000abc:0\uE001 title \uE000abc:end\uE001');
  });

  it('fails with TEMPLATE_INVALID when the templates folder does not exist', async () => {
    const dir = await tempDir();
    const error = await renderIssue(sampleDigest(), { config: renderConfig({ templatesDir: 'nope' }), configDir: dir }).catch((e: unknown) => e);
    expect(isRoundupError(error, 'TEMPLATE_INVALID')).toBe(true);
    expect((error as Error).message).toContain('email.templatesDir');
  });
});
