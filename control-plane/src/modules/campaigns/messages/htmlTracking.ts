// HTML rewriting for open and click tracking. Regular expressions rather than a DOM: the bodies are
// our own rendered templates, and only two things change (anchor hrefs, one image before </body>),
// leaving every other byte exactly as the author wrote it.

const anchorTag = /<a\b[^>]*>/gi;
const hrefAttribute = /(\shref\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

const namedEntities: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };

function decodeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1]?.toLowerCase() === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return namedEntities[name.toLowerCase()] ?? entity;
  });
}

function encodeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function hrefOf(tag: string): { match: RegExpMatchArray; url: string } | undefined {
  const match = tag.match(hrefAttribute);
  if (!match) return undefined;
  return { match, url: decodeAttribute((match[2] ?? match[3] ?? match[4] ?? '').trim()) };
}

/**
 * Wraps each link for which `wrapLink` answers a URL, and adds the open pixel (an invisible 1x1
 * image) just before </body>, or at the end of a fragment.
 */
export function rewriteHtmlForTracking(
  html: string,
  options: { pixelUrl?: string; wrapLink: (url: string) => string | undefined },
): string {
  let rewritten = html.replace(anchorTag, (tag) => {
    const href = hrefOf(tag);
    const wrapped = href && options.wrapLink(href.url);
    if (!href || !wrapped) return tag;
    return tag.replace(href.match[0], () => `${href.match[1]}"${encodeAttribute(wrapped)}"`);
  });
  if (options.pixelUrl) {
    const pixel = `<img src="${encodeAttribute(options.pixelUrl)}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;" />`;
    const bodyEnd = rewritten.search(/<\/body\s*>(?![\s\S]*<\/body\s*>)/i);
    rewritten = bodyEnd >= 0 ? `${rewritten.slice(0, bodyEnd)}${pixel}${rewritten.slice(bodyEnd)}` : `${rewritten}${pixel}`;
  }
  return rewritten;
}
