// The few HTML pages a recipient may see. No script, no external resources: they work in any
// browser and under the strictest content security policy.

export const pageHeaders: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
  'X-Content-Type-Options': 'nosniff',
};

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; color: #1f2933; line-height: 1.5; }
h1 { font-size: 1.4rem; }
button { font: inherit; padding: .6rem 1.2rem; border: 0; border-radius: .4rem; background: #1f2933; color: #fff; cursor: pointer; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The GET page: asks, changes nothing. Security gateways follow links; only the button's POST unsubscribes. */
export function unsubscribeConfirmPage(options: { maskedEmail: string; organizationName: string; alreadyUnsubscribed: boolean }): string {
  const who = escapeHtml(options.maskedEmail);
  const from = escapeHtml(options.organizationName);
  if (options.alreadyUnsubscribed) {
    return page('Unsubscribed', `<h1>You are unsubscribed</h1>\n<p>${who} no longer receives emails from ${from}.</p>`);
  }
  return page(
    'Unsubscribe',
    `<h1>Unsubscribe?</h1>
<p>Stop all emails from ${from} to ${who}.</p>
<form method="post">
<input type="hidden" name="confirm" value="yes">
<button type="submit">Unsubscribe</button>
</form>`,
  );
}

export function unsubscribedPage(options: { maskedEmail: string; organizationName: string }): string {
  return page(
    'Unsubscribed',
    `<h1>You are unsubscribed</h1>\n<p>${escapeHtml(options.maskedEmail)} will receive no more emails from ${escapeHtml(options.organizationName)}.</p>`,
  );
}

export function linkNotFoundPage(): string {
  return page(
    'Link not found',
    '<h1>This link is not valid</h1>\n<p>It may have been copied incompletely. Use the link from the email itself.</p>',
  );
}
