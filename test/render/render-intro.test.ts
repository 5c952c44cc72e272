import { describe, expect, it } from 'vitest';
import { renderIntro } from '../../src/render/render-intro.js';

const style = 'color:#0f7c7c';

describe('renderIntro', () => {
  it('renders Markdown emphasis and safe links', () => {
    const { html, text } = renderIntro('Hello **there**, read [this](https://x.example/a?b=1&c=2).', { linkStyle: style });
    expect(html).toBe('<p>Hello <strong>there</strong>, read <a href="https://x.example/a?b=1&amp;c=2" style="color:#0f7c7c">this</a>.</p>');
    expect(text).toBe('Hello there, read this (https://x.example/a?b=1&c=2).');
  });

  it('shows raw HTML as text and drops unsafe links and images', () => {
    const md = '<div onclick="x">hi</div>\n\nA <b>tag</b> [bad](javascript:alert(1)) ![alt text](https://x.example/i.png)';
    const { html } = renderIntro(md, { linkStyle: style });
    expect(html).not.toMatch(/<div|<b>|<img|javascript:/);
    expect(html).toContain('&lt;div onclick=&quot;x&quot;&gt;hi&lt;/div&gt;');
    expect(html).toContain('A &lt;b&gt;tag&lt;/b&gt; bad alt text');
  });

  it('tracks links when asked', () => {
    const { html } = renderIntro('[a](https://x.example/)', { linkStyle: style, track: (u) => `${u}?t=1` });
    expect(html).toContain('href="https://x.example/?t=1"');
  });
});
