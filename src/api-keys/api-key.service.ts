import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { digestsEqual } from '../common/constant-time';
import { ConflictError, NotFoundError } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import { ApiKeyRepository } from './api-key.repository';
import { generateApiKey, hashApiKey, lastFour } from './api-key.secret';
import { ApiKeyView, CreatedApiKeyView, toApiKeyView } from './dto/api-key.view';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { TtlCache } from './key-cache';

/** Who presented a valid key. */
export interface VerifiedApiKey {
  id: number;
  name: string;
  /** Sync-model codes the key may call; null = every code. */
  syncModelCodes: string[] | null;
}

interface CachedKey extends VerifiedApiKey {
  keyHash: string;
  /** Epoch ms of the last lastUsedAt write we know of. */
  lastUsedMs: number;
}

/**
 * A revocation in this process takes effect at once (the cache is invalidated);
 * other instances sharing the database notice it within CACHE_TTL_MS.
 */
export const CACHE_TTL_MS = 5_000;
/** lastUsedAt is written at most this often per key, to keep verify() cheap. */
export const LAST_USED_RESOLUTION_MS = 5_000;
const CACHE_MAX_ENTRIES = 1_000;
const MAX_PRESENTED_LENGTH = 256;

/** The inbound API keys of the /sync routes: create/import, list, revoke, verify. */
@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger('ApiKeys');
  private readonly cache = new TtlCache<string, CachedKey>(CACHE_TTL_MS, CACHE_MAX_ENTRIES);
  /** Bumped on every create/revoke, so a lookup that raced with a revocation is not cached. */
  private generation = 0;

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    const key = dto.key ?? generateApiKey();
    try {
      const entity = await this.unitOfWork.run(async () => {
        const stored = await this.keys.insert({
          name: dto.name,
          keyHash: hashApiKey(key),
          last4: lastFour(key),
          createdAt: new Date(),
          lastUsedAt: null,
          syncModelCodes: dto.syncModelCodes ? [...new Set(dto.syncModelCodes)] : null,
        });
        await this.audit.record({
          action: dto.key ? 'import' : 'generate',
          resourceType: 'api-key',
          resourceId: stored.id,
          label: stored.name,
          after: stored,
        });
        return stored;
      });
      this.invalidate();
      return { ...toApiKeyView(entity), key };
    } catch (error) {
      if (error instanceof ConflictError && error.code === 'DATABASE.DUPLICATE_KEY') {
        throw new ConflictError('API_KEY.DUPLICATE', 'key: this key is already registered', {
          details: [{ field: 'key', problem: 'is already registered' }],
        });
      }
      throw error;
    }
  }

  async list(): Promise<ApiKeyView[]> {
    return (await this.keys.listAll()).map(toApiKeyView);
  }

  async get(id: number): Promise<ApiKeyView> {
    const entity = await this.keys.findById(id);
    if (!entity) throw notFound(id);
    return toApiKeyView(entity);
  }

  async revoke(id: number): Promise<void> {
    const deleted = await this.unitOfWork.run(async () => {
      const entity = await this.keys.findById(id);
      const gone = await this.keys.deleteById(id);
      if (entity && gone)
        await this.audit.record({ action: 'revoke', resourceType: 'api-key', resourceId: id, label: entity.name, before: entity });
      return gone;
    });
    // Invalidate even if nothing was deleted here: another instance may have revoked it.
    this.invalidate(id);
    if (!deleted) throw notFound(id);
  }

  /**
   * The key presented by an inbound call (header `api_key`) → who it belongs to, or
   * null. Never throws for bad input; the caller decides the 401.
   */
  async verify(presented: string | undefined): Promise<VerifiedApiKey | null> {
    if (typeof presented !== 'string' || presented.length === 0 || presented.length > MAX_PRESENTED_LENGTH) return null;
    const hash = hashApiKey(presented);
    let found = this.cache.get(hash);
    if (!found) {
      const generation = this.generation;
      const entity = await this.keys.findByHash(hash);
      if (!entity) return null;
      found = {
        id: entity.id,
        name: entity.name,
        syncModelCodes: entity.syncModelCodes ?? null,
        keyHash: entity.keyHash,
        lastUsedMs: entity.lastUsedAt?.getTime() ?? 0,
      };
      if (generation === this.generation) this.cache.set(hash, found);
    }
    // The lookup was by hash; confirm without a timing side channel all the same.
    if (!digestsEqual(hash, found.keyHash)) return null;
    await this.recordUse(found);
    return { id: found.id, name: found.name, syncModelCodes: found.syncModelCodes };
  }

  /** Bookkeeping only: a failure here is logged and never turns a valid key away. */
  private async recordUse(key: CachedKey): Promise<void> {
    const now = Date.now();
    if (now - key.lastUsedMs < LAST_USED_RESOLUTION_MS) return;
    key.lastUsedMs = now;
    try {
      await this.unitOfWork.run(() => this.keys.recordUse(key.id, new Date(now)));
    } catch (error) {
      this.logger.warn(`could not record the use of API key ${key.id}: ${(error as Error).message}`);
    }
  }

  private invalidate(id?: number): void {
    this.generation++;
    if (id === undefined) this.cache.clear();
    else this.cache.deleteWhere((cached) => cached.id === id);
  }
}

function notFound(id: number): NotFoundError {
  return new NotFoundError('API_KEY.NOT_FOUND', `API key ${id} does not exist`);
}
