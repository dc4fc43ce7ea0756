import express, { type Request } from 'express';
import { z } from 'zod';
import { route, type AnyRoute } from '../../lib/http/route.js';
import { linkNotFoundPage, pageHeaders, unsubscribeConfirmPage, unsubscribedPage } from './pages.js';
import type { TrackingHit, TrackingService } from './tracking.service.js';

const tag = 'Tracking (public)';
const tokenParams = z.object({ token: z.string() });

// The smallest transparent GIF (1x1).
const transparentGif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const noCache = { 'Cache-Control': 'no-store, no-cache, must-revalidate, private, max-age=0', Pragma: 'no-cache', Expires: '0' };
// Built once: every hit answers the same. Embedded in mail shown by webmail on other origins: the app-wide
// same-origin resource policy would block it.
const pixelHeaders = {
  ...noCache,
  'Content-Type': 'image/gif',
  'Content-Length': String(transparentGif.length),
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

function hit(req: Request): TrackingHit {
  return { method: req.method, userAgent: req.get('user-agent') };
}

/**
 * The links inside sent messages: public (the token is the only credential), outside /api, and
 * answered in HTML, GIF or a redirect rather than JSON. Unknown or tampered tokens answer 404.
 */
export function trackingRoutes(deps: { tracking: TrackingService }): AnyRoute[] {
  const { tracking } = deps;
  return [
    // GET /u/:token
    route({
      method: 'get',
      path: '/u/:token',
      access: 'public',
      tag,
      summary: 'Unsubscribe confirm page (HTML). Changes nothing: link scanners follow GET links',
      params: tokenParams,
      responses: {
        200: { description: 'The confirm page', contentType: 'text/html' },
        404: { description: 'Not our link (HTML)', contentType: 'text/html' },
      },
      handler: async ({ params, res }) => {
        const found = await tracking.unsubscribePage(params.token);
        res
          .status(found ? 200 : 404)
          .set(pageHeaders)
          .send(found ? unsubscribeConfirmPage(found) : linkNotFoundPage());
      },
    }),
    // POST /u/:token
    route({
      method: 'post',
      path: '/u/:token',
      access: 'public',
      tag,
      summary: "Unsubscribe: RFC 8058 one-click (body List-Unsubscribe=One-Click, no cookies or auth) or the confirm page's form",
      params: tokenParams,
      // Form-encoded bodies for these routes only; a multipart or empty POST still unsubscribes.
      bodyFormat: 'form',
      middleware: [express.urlencoded({ extended: false, limit: '16kb' })],
      responses: {
        200: { description: 'Unsubscribed (text for one-click, HTML for the form)', contentType: 'text/html' },
        404: { description: 'Not our link', contentType: 'text/html' },
      },
      handler: async ({ params, req, res }) => {
        const form = (req.body ?? {}) as Record<string, unknown>;
        const oneClick = form['List-Unsubscribe'] === 'One-Click';
        const done = await tracking.unsubscribe(params.token, oneClick ? 'one-click' : 'unsubscribe page');
        if (!done) {
          res.status(404).set(pageHeaders).send(linkNotFoundPage());
          return;
        }
        if (oneClick)
          res
            .status(200)
            .set({ ...noCache, 'Content-Type': 'text/plain; charset=utf-8' })
            .send('Unsubscribed\n');
        else res.status(200).set(pageHeaders).send(unsubscribedPage(done));
      },
    }),
    // GET /o/:token
    route({
      method: 'get',
      path: '/o/:token',
      access: 'public',
      tag,
      summary: 'Open pixel: a 1x1 GIF, never cached; records an open (flagged when it looks automated)',
      params: tokenParams,
      responses: { 200: { description: 'The pixel', contentType: 'image/gif' }, 404: { description: 'Not our pixel' } },
      handler: async ({ params, req, res }) => {
        if (!(await tracking.open(params.token, hit(req)))) {
          res.status(404).set(noCache).end();
          return;
        }
        res.writeHead(200, pixelHeaders).end(transparentGif);
      },
    }),
    // GET /c/:token
    route({
      method: 'get',
      path: '/c/:token',
      access: 'public',
      tag,
      summary: 'Click redirect to the signed target; records a click (flagged when it looks automated). Never redirects to an unsigned URL',
      params: tokenParams,
      responses: { 302: { description: "To the link's target" }, 404: { description: 'Not our link (HTML)', contentType: 'text/html' } },
      handler: async ({ params, req, res }) => {
        const target = await tracking.click(params.token, hit(req));
        if (!target) {
          res.status(404).set(pageHeaders).send(linkNotFoundPage());
          return;
        }
        // redirect() percent-encodes what a header cannot carry; the target itself was signed by us.
        res.set({ ...noCache, 'Referrer-Policy': 'no-referrer' }).redirect(302, target);
      },
    }),
  ];
}
