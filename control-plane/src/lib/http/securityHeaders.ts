import helmet from 'helmet';

const oneYearSeconds = 365 * 24 * 60 * 60;

/**
 * Security headers on every response (docs/security.md, "HTTP and transport"). The content security
 * policy is the one the web app will run under, served from this origin: a Vite build loads its
 * scripts, styles and fonts as files from 'self'; inline styles stay allowed because UI libraries
 * set them at run time. Nothing may frame the app. The recipient pages of the tracking module set
 * a stricter policy of their own. HSTS and upgrade-insecure-requests only when PUBLIC_URL is https:
 * on a plain-http deployment they would make the browser refuse the site.
 */
export function securityHeaders(options: { publicUrl: string | undefined }) {
  const https = options.publicUrl?.startsWith('https:') ?? false;
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: oneYearSeconds, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
  });
}
