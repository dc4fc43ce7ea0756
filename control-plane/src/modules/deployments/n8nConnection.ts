import { N8nClient, N8nRequestError, N8nUnavailableError } from '../../lib/n8n/n8nClient.js';
import type { CheckResult } from '../health/readiness.js';
import { DependencyUnavailableError } from '../../lib/errors.js';
import { callbackSigningSecretName, n8nApiKeyName, type PlatformSecrets } from '../platform/platformSecrets.js';

export const credentialType = 'ophirControlPlaneApi';
const credentialRecordName = 'n8n.control_plane_credential';

export interface CredentialRef {
  id: string;
  name: string;
}

/**
 * How the control plane reaches n8n (URL, API key) and how n8n reaches back (the Ophir Control Plane
 * API credential, created once in n8n with the callback signing secret and remembered).
 */
export class N8nConnection {
  private clientInstance: N8nClient | undefined;
  private probeInstance: N8nClient | undefined;
  private credential: Promise<CredentialRef> | undefined;

  constructor(
    private readonly options: {
      baseUrl?: string;
      /** Where browsers reach the editor (N8N_EDITOR_URL, else N8N_URL). */
      editorBaseUrl?: string;
      apiKey?: string;
      callbackBaseUrl: string;
      platformSecrets: PlatformSecrets;
    },
  ) {}

  get configured(): boolean {
    return Boolean(this.options.baseUrl);
  }

  get baseUrl(): string {
    return this.requireBaseUrl();
  }

  /** The workflow in the n8n editor, for a person's browser; null when no n8n is configured. */
  editorUrl(workflowId: string): string | null {
    const base = this.options.editorBaseUrl?.replace(/\/+$/, '');
    return base ? `${base}/workflow/${workflowId}` : null;
  }

  client(): N8nClient {
    this.clientInstance ??= new N8nClient({ baseUrl: this.requireBaseUrl(), apiKey: () => this.apiKey() });
    return this.clientInstance;
  }

  /** Readiness: n8n answers the Public API with our key. One attempt, quickly: a probe must not retry. */
  async checkReachable(): Promise<CheckResult> {
    if (!this.configured) return { ok: false, detail: 'n8n is not configured (N8N_URL)' };
    try {
      await this.probeClient().probe();
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: probeFailure(error) };
    }
  }

  /** Readiness: n8n's own test of the Ophir credential succeeds, i.e. n8n can call us back, signed. */
  async checkCredential(): Promise<CheckResult> {
    if (!this.configured) return { ok: false, detail: 'n8n is not configured (N8N_URL)' };
    const stored = await this.options.platformSecrets.get(credentialRecordName);
    if (!stored) return { ok: false, detail: 'the Ophir Control Plane credential has not been created in n8n yet' };
    const { id } = JSON.parse(stored) as CredentialRef;
    try {
      const result = await this.probeClient().testCredential(id);
      return result.status === 'OK' ? { ok: true } : { ok: false, detail: `n8n's test of the credential failed: ${result.message}` };
    } catch (error) {
      if (error instanceof N8nRequestError && error.status === 404)
        return { ok: false, detail: 'the Ophir Control Plane credential no longer exists in n8n' };
      return { ok: false, detail: probeFailure(error) };
    }
  }

  private async apiKey(): Promise<string> {
    const key = this.options.apiKey ?? (await this.options.platformSecrets.get(n8nApiKeyName));
    if (!key)
      throw new DependencyUnavailableError(
        'n8n',
        'n8n is not set up yet (no API key): the control plane is still bootstrapping it, or set N8N_API_KEY',
      );
    return key;
  }

  private probeClient(): N8nClient {
    this.probeInstance ??= new N8nClient({ baseUrl: this.requireBaseUrl(), apiKey: () => this.apiKey(), attempts: 1, timeoutMs: 2_000 });
    return this.probeInstance;
  }

  /** The credential our nodes sign callbacks with; created in n8n on first use. */
  controlPlaneCredential(): Promise<CredentialRef> {
    this.credential ??= this.loadOrCreateCredential().catch((error: unknown) => {
      this.credential = undefined;
      throw error;
    });
    return this.credential;
  }

  /** Forgets the remembered credential (it was deleted in n8n): the next use creates it again. */
  async forgetCredential(): Promise<void> {
    this.credential = undefined;
    await this.options.platformSecrets.set(credentialRecordName, '');
  }

  private async loadOrCreateCredential(): Promise<CredentialRef> {
    const stored = await this.options.platformSecrets.get(credentialRecordName);
    if (stored) return JSON.parse(stored) as CredentialRef;
    const signingSecret = await this.options.platformSecrets.getOrCreate(callbackSigningSecretName);
    const created = await this.client().createCredential({
      name: 'Ophir Control Plane',
      type: credentialType,
      data: { baseUrl: this.options.callbackBaseUrl, signingSecret },
    });
    const ref = { id: created.id, name: created.name };
    await this.options.platformSecrets.set(credentialRecordName, JSON.stringify(ref));
    return ref;
  }

  private requireBaseUrl(): string {
    if (!this.options.baseUrl) {
      throw new DependencyUnavailableError('n8n', 'n8n is not configured: `npm start` runs a local one, or set N8N_URL and N8N_API_KEY');
    }
    return this.options.baseUrl;
  }
}

// Readiness is public: say what is wrong without n8n's address.
function probeFailure(error: unknown): string {
  if (error instanceof N8nUnavailableError) return 'n8n is not reachable';
  if (error instanceof N8nRequestError) return error.status === 401 ? 'n8n refuses the API key' : `n8n answered ${error.status}`;
  return (error as Error).message;
}
