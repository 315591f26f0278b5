import { Marked } from 'marked';
import { escapeHtml, SafeHtml } from '../core/html.ts';

/**
 * Course text is reviewed in the repository, but it is still rendered as if it were untrusted:
 * raw HTML is shown as text and a link may only go to http(s), a site path or an anchor.
 */
const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html: (token) => escapeHtml(token.text),
  },
  walkTokens: (token) => {
    if ((token.type === 'link' || token.type === 'image') && !/^(https?:\/\/|\/(?!\/)|#)/i.test(token.href)) {
      token.href = '#';
    }
  },
});

export function markdownToHtml(markdown: string): SafeHtml {
  return new SafeHtml(marked.parse(markdown, { async: false }));
}
