import { Injectable } from '@nestjs/common';
import { SecretsCipher } from '../secrets/secrets.cipher';
import { WebServiceEntity } from './web-service.entity';

export type SecretField = 'password' | 'apiKey' | 'signingSecret';

/** Bound as associated data: a value copied from one column into the other won't decrypt. */
const CONTEXT: Record<SecretField, string> = {
  password: 'web_service.password',
  apiKey: 'web_service.api_key',
  signingSecret: 'web_service.signing_secret',
};

export interface WebServiceCredentials {
  password: string | null;
  apiKey: string | null;
}

/**
 * Encrypts web-service credentials on their way into the database and decrypts them
 * for the outbound client only; nothing else ever sees them in clear.
 */
@Injectable()
export class WebServiceSecrets {
  constructor(private readonly cipher: SecretsCipher) {}

  seal(field: SecretField, value: string): string {
    return this.cipher.encrypt(value, CONTEXT[field]);
  }

  /** The signing secret in clear, for the outbound delivery that signs with it. */
  openSigningSecret(entity: Pick<WebServiceEntity, 'signingSecretEncrypted'>): string | null {
    return entity.signingSecretEncrypted ? this.cipher.decrypt(entity.signingSecretEncrypted, CONTEXT.signingSecret) : null;
  }

  /** Throws SecretDecryptError when a stored value cannot be read (altered, or SECRETS_KEY changed). */
  open(entity: Pick<WebServiceEntity, 'passwordEncrypted' | 'apiKeyEncrypted'>): WebServiceCredentials {
    return {
      password: entity.passwordEncrypted === null ? null : this.cipher.decrypt(entity.passwordEncrypted, CONTEXT.password),
      apiKey: entity.apiKeyEncrypted === null ? null : this.cipher.decrypt(entity.apiKeyEncrypted, CONTEXT.apiKey),
    };
  }
}
