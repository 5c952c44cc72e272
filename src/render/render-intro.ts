import { Marked, type Tokens } from 'marked';
import { escapeHtml } from './fill-tokens.js';
import { httpUrl } from './tracked-url.js';

// The editor's intro note: Markdown in, HTML for the email and plain text for the text part out.
// No raw HTML survives: an HTML block or tag in the Markdown is shown as text, links are kept only when they
// are http(s) or mailto, and images become their alt text (an intro cannot pull in remote images).

type Track = (url: string) => string;

function safeHref(href: string, track: Track): string | undefined {
  if (/^mailto:[^\s"<>]+$/i.test(href)) return href;
  const url = httpUrl(href);
  return url === undefined ? undefined : track(url);
}

function htmlParser(linkStyle: string, track: Track): Marked {
  return new Marked({
    gfm: true,
    breaks: false,
    async: false,
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag) {
        return token.block ? `<p>${escapeHtml(token.text.trim())}</p>\n` : escapeHtml(token.text);
      },
      link({ href, tokens }: Tokens.Link) {
        const inner = this.parser.parseInline(tokens);
        const url = safeHref(href, track);
        if (url === undefined) return inner;
        return `<a href="${escapeHtml(url)}" style="${escapeHtml(linkStyle)}">${inner}</a>`;
      },
      image({ text }: Tokens.Image) {
        return escapeHtml(text);
      },
    },
  });
}

const textParser = (track: Track) => new Marked({
  gfm: true,
  async: false,
  renderer: {
    space: () => '',
    paragraph({ tokens }: Tokens.Paragraph) {
      return `${this.parser.parseInline(tokens)}\n\n`;
    },
    heading({ tokens }: Tokens.Heading) {
      return `${this.parser.parseInline(tokens)}\n\n`;
    },
    list(token: Tokens.List) {
      return `${token.items.map((item) => `- ${this.parser.parse(item.tokens).trim()}`).join('\n')}\n\n`;
    },
    blockquote({ tokens }: Tokens.Blockquote) {
      return `${this.parser.parse(tokens).trim()}\n\n`;
    },
    code: ({ text }: Tokens.Code) => `${text}\n\n`,
    hr: () => '\n',
    html: (token: Tokens.HTML | Tokens.Tag) => (token.block ? `${token.text.trim()}\n\n` : token.text),
    strong({ tokens }: Tokens.Strong) {
      return this.parser.parseInline(tokens);
    },
    em({ tokens }: Tokens.Em) {
      return this.parser.parseInline(tokens);
    },
    del({ tokens }: Tokens.Del) {
      return this.parser.parseInline(tokens);
    },
    codespan: ({ text }: Tokens.Codespan) => text,
    br: () => ' ',
    text(token: Tokens.Text | Tokens.Escape) {
      return 'tokens' in token && token.tokens ? this.parser.parseInline(token.tokens) : token.text;
    },
    link({ href, tokens }: Tokens.Link) {
      const inner = this.parser.parseInline(tokens);
      const url = safeHref(href, track);
      if (url === undefined || inner === href) return url ?? inner;
      return `${inner} (${url})`;
    },
    image: ({ text }: Tokens.Image) => text,
  },
});

/**
 * The intro as email HTML (paragraphs, emphasis, safe links styled inline) and as plain text. `track` adds
 * UTM parameters to http(s) links (default: none).
 */
export function renderIntro(
  markdown: string,
  options: { linkStyle: string; track?: Track },
): { html: string; text: string } {
  const track = options.track ?? ((url: string) => url);
  const html = htmlParser(options.linkStyle, track).parse(markdown, { async: false }).trim();
  const text = textParser(track).parse(markdown, { async: false }).trim();
  return { html, text };
}
