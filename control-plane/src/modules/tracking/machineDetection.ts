/**
 * Tells machine opens and clicks (image proxies, security gateways, link scanners, previews) from a
 * person's, as far as a request can tell. What we CAN see: the user agent, the method (scanners
 * probe with HEAD), and how soon after the send the request came (gateways fetch on delivery).
 * What we CANNOT: Apple Mail Privacy Protection prefetches every image through Apple's proxies with
 * an ordinary browser user agent; Gmail's GoogleImageProxy fetches when the message is shown, for
 * the recipient and for the sender reading their own Sent copy alike, so it is counted as machine.
 * Scanners that impersonate a desktop browser and wait before clicking look human. Requests that
 * arrive before the send is reported (the sender's preview or a test) are not recorded at all.
 */

const machineAgents: Array<[pattern: RegExp, reason: string]> = [
  [/GoogleImageProxy|ggpht\.com/i, 'google_image_proxy'],
  [/YahooMailProxy|Yahoo! Slurp/i, 'yahoo_mail_proxy'],
  [/Outlook-(?:iOS|Android)?.*Proxy|OutlookImageProxy|ms-office|Microsoft Office Existence Discovery|BingPreview/i, 'microsoft_proxy'],
  [
    /Barracuda|Mimecast|Proofpoint|urldefense|IronPort|Cisco|Symantec|Trend ?Micro|Forcepoint|Sophos|FireEye|Trellix|Zscaler|Palo ?Alto|Fortinet|Bitdefender|Kaspersky|Check ?Point|SafeLinks|Avanan|Abnormal|Darktrace/i,
    'link_scanner',
  ],
  [/bot\b|crawler|spider|preview|facebookexternalhit|Slackbot|WhatsApp|SkypeUriPreview|Discordbot|TelegramBot/i, 'link_preview_bot'],
  [
    /python-requests|python-urllib|aiohttp|curl\/|Wget|Go-http-client|okhttp|Java\/|libwww|axios|node-fetch|undici|HeadlessChrome|PhantomJS/i,
    'http_client',
  ],
];

/** Gateways fetch pixels and follow links as the message is delivered, before anyone could read it. */
export const machineWindowMs = 10_000;

export interface TrackingRequest {
  method: string;
  userAgent: string | undefined;
  at: Date;
  sentAt: Date;
}

/** Why a request looks automated, or undefined when it looks like a person. */
export function machineReason(request: TrackingRequest): string | undefined {
  if (request.method === 'HEAD') return 'head_request';
  const agent = request.userAgent?.trim() ?? '';
  if (!agent) return 'no_user_agent';
  for (const [pattern, reason] of machineAgents) if (pattern.test(agent)) return reason;
  if (request.at.getTime() - request.sentAt.getTime() < machineWindowMs) return 'too_soon_after_send';
  return undefined;
}
