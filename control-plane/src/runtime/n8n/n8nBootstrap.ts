// Makes a running n8n usable by the control plane without a browser: an owner account and a Public API key.
//
// Owner: claimed through `POST /rest/owner/setup` when n8n reports it has none, rather than n8n's env-managed
// owner (N8N_INSTANCE_OWNER_MANAGED_BY_ENV + a bcrypt hash). The REST route needs no bcrypt dependency here,
// keeps the password out of n8n's process environment, and works the same against an external n8n we did not
// start. It is idempotent: once an owner exists we log in with the same credentials instead.
//
// API key: n8n offers no env var or CLI for keys and never shows a stored key again, so a key is either the one
// the caller already holds (checked against the Public API and reused) or a freshly minted one. n8n allows one
// key per label, so minting again rotates that key: repeated bootstraps leave exactly one live key per label.
import { callN8nRest, loginToN8n, N8nRestError, sessionWithCookie, type N8nRestSession } from './n8nRestSession.js';

export interface N8nOwnerAccount {
  email: string;
  /** n8n requires 8-64 characters with at least one digit and one uppercase letter. */
  password: string;
  firstName: string;
  lastName: string;
}

export interface BootstrapN8nOptions {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:5678`. */
  url: string;
  owner: N8nOwnerAccount;
  /** Label of the control plane's key in n8n's API-key list. */
  apiKeyLabel?: string;
  /** A key the caller stored earlier: reused as is when n8n still accepts it. */
  existingApiKey?: string | undefined;
}

export interface N8nBootstrapResult {
  /** The raw Public API key. A secret: store it encrypted, never log it. */
  apiKey: string;
  ownerCreated: boolean;
  /** False when `existingApiKey` was still valid and returned unchanged. */
  apiKeyMinted: boolean;
}

export const DEFAULT_API_KEY_LABEL = 'ophir-control-plane';

export async function bootstrapN8n(options: BootstrapN8nOptions): Promise<N8nBootstrapResult> {
  const { session, ownerCreated } = await ensureN8nOwner(options.url, options.owner);
  if (options.existingApiKey && (await isN8nApiKeyValid(options.url, options.existingApiKey))) {
    return { apiKey: options.existingApiKey, ownerCreated, apiKeyMinted: false };
  }
  const apiKey = await mintN8nApiKey(session, options.apiKeyLabel ?? DEFAULT_API_KEY_LABEL);
  return { apiKey, ownerCreated, apiKeyMinted: true };
}

/** Claims the instance on a fresh n8n, otherwise logs in; either way returns a logged-in session as the owner. */
export async function ensureN8nOwner(url: string, owner: N8nOwnerAccount): Promise<{ session: N8nRestSession; ownerCreated: boolean }> {
  if (await n8nNeedsOwnerSetup(url)) {
    try {
      const { authCookie } = await callN8nRest(url, 'POST', '/owner/setup', { body: owner });
      if (authCookie) return { session: sessionWithCookie(url, authCookie), ownerCreated: true };
      return { session: await loginToN8n(url, owner.email, owner.password), ownerCreated: true };
    } catch (error) {
      // Lost a race with another bootstrap that claimed it first: fall through to logging in.
      if (!(error instanceof N8nRestError && error.status === 400 && /already setup/i.test(error.message))) throw error;
    }
  }
  try {
    return { session: await loginToN8n(url, owner.email, owner.password), ownerCreated: false };
  } catch (error) {
    if (error instanceof N8nRestError && error.status === 401) {
      throw new Error(`n8n at ${url} already has an owner and rejects the configured owner credentials (${owner.email})`, {
        cause: error,
      });
    }
    throw error;
  }
}

async function n8nNeedsOwnerSetup(url: string): Promise<boolean> {
  // Public settings (no login needed) are what the editor reads to decide whether to show the setup screen.
  const { data } = await callN8nRest<{ userManagement?: { showSetupOnFirstLoad?: boolean } }>(url, 'GET', '/settings');
  return data?.userManagement?.showSetupOnFirstLoad === true;
}

interface RedactedApiKey {
  id: string;
  label: string;
}

/**
 * Returns a fresh raw Public API key carrying every scope the owner may grant. n8n allows one key per label and
 * user, so an existing key with our label is updated to the current scopes and rotated (its old secret stops
 * working); otherwise a key is created.
 */
export async function mintN8nApiKey(session: N8nRestSession, label: string): Promise<string> {
  const scopes = await session.request<string[]>('GET', '/api-keys/scopes');
  const listed = await session.request<{ items?: RedactedApiKey[] } | RedactedApiKey[]>(
    'GET',
    `/api-keys?label=${encodeURIComponent(label)}`,
  );
  const keys = Array.isArray(listed) ? listed : (listed.items ?? []);
  // The label filter is a case-insensitive substring match: only an exact match is ours.
  const existing = keys.find((key) => key.label === label);
  if (existing) {
    await session.request('PATCH', `/api-keys/${existing.id}`, { label, scopes });
    const rotated = await session.request<{ rawApiKey: string }>('POST', `/api-keys/${existing.id}/rotate`);
    return rotated.rawApiKey;
  }
  const created = await session.request<{ rawApiKey: string }>('POST', '/api-keys', { label, scopes, expiresAt: null });
  return created.rawApiKey;
}

/** True when n8n's Public API accepts the key. */
export async function isN8nApiKeyValid(url: string, apiKey: string): Promise<boolean> {
  const response = await fetch(`${url}/api/v1/workflows?limit=1`, {
    headers: { 'X-N8N-API-KEY': apiKey, accept: 'application/json' },
    signal: AbortSignal.timeout(15_000),
  });
  await response.body?.cancel();
  if (response.status === 401 || response.status === 403) return false;
  if (!response.ok) throw new Error(`n8n GET /api/v1/workflows answered ${response.status} while checking the API key`);
  return true;
}
