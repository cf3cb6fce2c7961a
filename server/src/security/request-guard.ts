import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AppError } from '../errors/app-error.ts';

export interface SecurityPolicy {
  /** host[:port] values accepted in the Host header (lower case). */
  allowedHosts: string[];
  /** Origins (scheme://host:port) accepted for state-changing requests. */
  allowedOrigins: string[];
  /** When set, state-changing requests must present it. */
  token: string | null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every mutating request must carry this header. A page on another origin cannot add a custom header to a request
 * without a CORS preflight, and the panel grants none, so a cross-site form or fetch can never change the stack —
 * even when the browser sends neither Origin nor Referer. The panel's web client and the README's curl examples send it.
 */
export const PANEL_HEADER = { name: 'X-Pipeline-Panel', value: '1' } as const;

/**
 * Decides whether a request may proceed; returns the error to answer with, or null.
 * - Every request: Host must be allow-listed, which defeats DNS rebinding (a rebound name keeps its own Host).
 * - State-changing requests: the panel header (PANEL_HEADER) must be present; an Origin (else Referer), when sent,
 *   must be allow-listed, and a browser request marked cross-site (Sec-Fetch-Site) is refused. Then the token, when
 *   configured.
 */
export function checkRequest(method: string, headers: IncomingHttpHeaders, policy: SecurityPolicy): AppError | null {
  const host = (headers.host ?? '').toLowerCase();
  if (!policy.allowedHosts.includes(host)) {
    return new AppError(
      403,
      'HOST_REJECTED',
      `Host "${host.slice(0, 200) || '(none)'}" is not allowed; open the panel at http://${policy.allowedHosts[0]}`,
      {
        allowedHosts: policy.allowedHosts,
      },
    );
  }
  if (SAFE_METHODS.has(method.toUpperCase())) return null;

  if (headers[PANEL_HEADER.name.toLowerCase()] !== PANEL_HEADER.value) {
    return new AppError(
      403,
      'PANEL_HEADER_REQUIRED',
      `A request that changes something must send the header "${PANEL_HEADER.name}: ${PANEL_HEADER.value}" (the panel's web client does; with curl add -H '${PANEL_HEADER.name}: ${PANEL_HEADER.value}'); nothing was changed`,
      { header: PANEL_HEADER.name, value: PANEL_HEADER.value },
    );
  }

  const origin = requestOrigin(headers);
  if (origin === null) {
    const site = headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return new AppError(403, 'ORIGIN_REJECTED', `A ${String(site).slice(0, 40)} browser request without Origin is not allowed`);
    }
  } else if (!policy.allowedOrigins.includes(origin)) {
    return new AppError(403, 'ORIGIN_REJECTED', `Origin "${origin.slice(0, 200)}" is not allowed to change the stack`, {
      allowedOrigins: policy.allowedOrigins,
      hint: 'Add it to PANEL_ALLOWED_ORIGINS if this is intended.',
    });
  }

  if (policy.token !== null && !tokenMatches(presentedToken(headers), policy.token)) {
    return new AppError(
      401,
      'TOKEN_REQUIRED',
      'This panel requires its token: send the x-panel-token header (or Authorization: Bearer <token>)',
    );
  }
  return null;
}

function requestOrigin(headers: IncomingHttpHeaders): string | null {
  const origin = headers.origin;
  if (origin !== undefined) return origin === 'null' ? 'null' : (normalize(origin) ?? origin);
  const referer = headers.referer;
  return referer !== undefined ? (normalize(referer) ?? referer) : null;
}

function normalize(value: string): string | null {
  return URL.canParse(value) ? new URL(value).origin : null;
}

function presentedToken(headers: IncomingHttpHeaders): string | null {
  const header = headers['x-panel-token'];
  if (typeof header === 'string' && header !== '') return header;
  const auth = headers.authorization;
  const match = typeof auth === 'string' ? /^Bearer\s+(.+)$/i.exec(auth) : null;
  return match ? match[1]!.trim() : null;
}

function tokenMatches(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
