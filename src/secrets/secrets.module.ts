/**
 * Encryption at rest (AES-256-GCM, secrets.cipher.ts) under SECRETS_KEY, for every module that stores
 * a value it must later use in clear: web-service credentials, the alert webhook URL (settings).
 */
import { Module } from '@nestjs/common';
import { secretsCipherProvider } from './secrets-cipher.provider';
import { SecretsCipher } from './secrets.cipher';

@Module({
  providers: [secretsCipherProvider],
  exports: [SecretsCipher],
})
export class SecretsModule {}
