import { N8nClient } from '../../lib/n8n/n8nClient.js';
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
  private credential: Promise<CredentialRef> | undefined;

  constructor(
    private readonly options: { baseUrl?: string; apiKey?: string; callbackBaseUrl: string; platformSecrets: PlatformSecrets },
  ) {}

  get configured(): boolean {
    return Boolean(this.options.baseUrl);
  }

  get baseUrl(): string {
    return this.requireBaseUrl();
  }

  client(): N8nClient {
    const baseUrl = this.requireBaseUrl();
    this.clientInstance ??= new N8nClient({
      baseUrl,
      apiKey: async () => {
        const key = this.options.apiKey ?? (await this.options.platformSecrets.get(n8nApiKeyName));
        if (!key) throw new DependencyUnavailableError('n8n', 'No n8n API key: set N8N_API_KEY or let `npm start` bootstrap the local n8n');
        return key;
      },
    });
    return this.clientInstance;
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
