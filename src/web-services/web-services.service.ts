import { AuditService } from '../audit/audit.service';
import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors';
import { ConfigVersion } from '../database/config-version';
import { UnitOfWork } from '../database/unit-of-work';
import { CreateWebServiceDto } from './dto/create-web-service.dto';
import { UpdateWebServiceDto } from './dto/update-web-service.dto';
import { toWebServiceView, WebServiceTestReport, WebServiceView, WebServiceWriteView } from './dto/web-service.view';
import { ListWebServiceCallsQuery, toCallView, WebServiceCallPageView } from './dto/web-service-call.view';
import { WebServiceClient } from './outbound/web-service.client';
import { CALLS_KEPT, WebServiceCallRecorder } from './web-service-call.recorder';
import { WebServiceCallRepository } from './web-service-call.repository';
import { WebServiceEntity } from './web-service.entity';
import { WebServiceRepository } from './web-service.repository';
import { checkWebService, mergeWebService, newOrigins, normalizePatch, WebServicePatch, WebServiceState } from './web-service.rules';
import { WebServiceSecrets } from './web-service.secrets';
import { WebServiceHealthProbe } from './web-service.health';
import { rateLimitOf } from './outbound/throttle';
import { WebServiceUsage } from './web-service.usage';

// Re-exported so users of the service (sync-objects) import both from one place.
export { WebServiceUsage } from './web-service.usage';

/** A config import carries no secrets: it may leave them unset (and says so). */
export interface WriteOptions {
  allowMissingSecrets?: boolean;
}
const SECRET_FIELDS = new Set(['password', 'apiKey']);

/** The test call of the seed's receive protocol: asks for nothing, proves the URL and credentials. */
const TEST_BODY = { limit: 0 };

/** Web services: CRUD with the seed's rules, encrypted credentials, the connectivity test. */
@Injectable()
export class WebServicesService {
  constructor(
    private readonly repository: WebServiceRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly configVersion: ConfigVersion,
    private readonly secrets: WebServiceSecrets,
    private readonly usage: WebServiceUsage,
    private readonly client: WebServiceClient,
    private readonly health: WebServiceHealthProbe,
    private readonly callRecorder: WebServiceCallRecorder,
    private readonly callRows: WebServiceCallRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<WebServiceView[]> {
    return (await this.repository.listAll()).map(toWebServiceView);
  }

  /** One web service, with its delivery health when the outbox reports it. */
  async get(id: number): Promise<WebServiceView & { health?: unknown }> {
    const view = toWebServiceView(await this.getEntity(id));
    const health = await this.health.of(id);
    return health === undefined ? view : { ...view, health };
  }

  /** For other modules (sync objects, cron, outbox): the stored web service, or NotFoundError. */
  async getEntity(id: number): Promise<WebServiceEntity> {
    const entity = await this.repository.findById(id);
    if (!entity) throw new NotFoundError('WEB_SERVICE.NOT_FOUND', `web service ${id} does not exist`);
    return entity;
  }

  create(dto: CreateWebServiceDto, options: WriteOptions = {}): Promise<WebServiceWriteView> {
    return this.write(undefined, dto, options);
  }

  /** PUT and PATCH alike: a partial update, checked as a whole once merged. */
  update(id: number, dto: UpdateWebServiceDto, options: WriteOptions = {}): Promise<WebServiceWriteView> {
    return this.write(id, dto, options);
  }

  async remove(id: number): Promise<void> {
    const entity = await this.getEntity(id);
    const users = await this.usage.usersOf(id);
    if (users.length) {
      throw new ConflictError(
        'WEB_SERVICE.IN_USE',
        `web service "${entity.name}" is used by ${users.join(', ')}; change or delete them first`,
        {
          details: [{ field: 'id', problem: `is used by ${users.join(', ')}` }],
        },
      );
    }
    const deleted = await this.unitOfWork.run(async () => {
      await this.configVersion.change();
      const gone = await this.repository.deleteById(id);
      if (gone)
        await this.audit.record({ action: 'delete', resourceType: 'web-service', resourceId: id, label: entity.name, before: entity });
      return gone;
    });
    if (!deleted) throw new NotFoundError('WEB_SERVICE.NOT_FOUND', `web service ${id} does not exist`);
  }

  /** The API inspector: the newest calls to the web service (what is still in memory is written first). */
  async calls(id: number, query: ListWebServiceCallsQuery): Promise<WebServiceCallPageView> {
    await this.getEntity(id);
    await this.callRecorder.flush();
    const offset = query.offset ?? 0;
    const limit = Math.min(query.limit ?? 50, CALLS_KEPT - offset);
    const [rows, total] = await this.callRows.page(id, limit, offset);
    return { items: rows.map(toCallView), total: Math.min(total, CALLS_KEPT) };
  }

  /** POSTs `{"limit": 0}` to the URL with the service's auth and reports what happened. */
  async test(id: number): Promise<WebServiceTestReport> {
    const entity = await this.getEntity(id);
    const result = await this.client.post(entity, entity.url, TEST_BODY, { kind: 'test' });
    const report: WebServiceTestReport = { reachable: result.ok, httpStatus: result.httpStatus ?? null, latencyMs: result.latencyMs };
    const status = (result.json as { status?: unknown } | undefined)?.status;
    if (typeof status === 'string') report.status = status;
    if (result.error) report.error = result.error;
    if (result.errorKind) report.errorKind = result.errorKind;
    return report;
  }

  private async write(
    id: number | undefined,
    dto: CreateWebServiceDto | UpdateWebServiceDto,
    options: WriteOptions,
  ): Promise<WebServiceWriteView> {
    const patch = normalizePatch(dto as WebServicePatch);
    let name = patch.name ?? '';
    const cleared: SecretName[] = [];
    let origins: string[] = [];
    try {
      const saved = await this.unitOfWork.run(async () => {
        await this.configVersion.change();
        const current = id === undefined ? undefined : await this.getEntity(id);
        origins = newOrigins(current && stateOf(current), mergeWebService(current && stateOf(current), patch));
        // A new origin gets no stored secret: those not given again in this request are cleared.
        if (current && origins.length) cleared.push(...clearUnsentSecrets(current, patch));
        const merged = mergeWebService(current && stateOf(current), patch);
        name = merged.name;
        const problems = checkWebService(merged).filter(
          (p) => !((options.allowMissingSecrets || cleared.length) && SECRET_FIELDS.has(p.field)),
        );
        if (problems.length) {
          throw new ValidationError('WEB_SERVICE.INVALID', problems.map((p) => `${p.field}: ${p.problem}`).join('; '), problems);
        }
        if ((await this.repository.findIdByName(merged.name, id)) !== undefined) throw nameTaken(merged.name);
        const before = current ? { ...current } : null;
        const stored = await this.repository.save(this.apply(current ?? new WebServiceEntity(), merged, patch));
        await this.audit.record({
          action: before ? 'update' : 'create',
          resourceType: 'web-service',
          resourceId: stored.id,
          label: stored.name,
          before,
          after: stored,
        });
        return stored;
      });
      const view: WebServiceWriteView = toWebServiceView(saved);
      if (cleared.length) {
        view.clearedSecrets = cleared;
        view.warnings = [
          `web service "${saved.name}" now sends to ${origins.join(', ')}: ${cleared.join(', ')} cleared (stored secrets never follow a ` +
            `web service to a new host); send ${cleared.length > 1 ? 'them' : 'it'} again with PATCH /api/web-services/${saved.id}`,
        ];
      }
      return view;
    } catch (error) {
      // Two creates racing past the name check: the unique index has the last word.
      if (error instanceof ConflictError && error.code === 'DATABASE.DUPLICATE_KEY') throw nameTaken(name);
      throw error;
    }
  }

  private apply(entity: WebServiceEntity, state: WebServiceState, patch: WebServicePatch): WebServiceEntity {
    const { hasPassword: _p, hasApiKey: _k, rateLimit, ...settings } = state;
    Object.assign(entity, settings);
    entity.rateLimitRequests = rateLimit?.requests ?? null;
    entity.rateLimitPerSeconds = rateLimit?.perSeconds ?? null;
    // Omitted secrets keep the stored ciphertext; null clears; a new value is encrypted.
    if (patch.password !== undefined)
      entity.passwordEncrypted = patch.password === null ? null : this.secrets.seal('password', patch.password);
    if (patch.apiKey !== undefined) entity.apiKeyEncrypted = patch.apiKey === null ? null : this.secrets.seal('apiKey', patch.apiKey);
    if (patch.signingSecret !== undefined) {
      entity.signingSecretEncrypted = patch.signingSecret === null ? null : this.secrets.seal('signingSecret', patch.signingSecret);
    }
    entity.signingSecretEncrypted ??= null;
    entity.passwordEncrypted ??= null;
    entity.apiKeyEncrypted ??= null;
    const now = new Date();
    entity.createdAt ??= now;
    entity.updatedAt = now;
    return entity;
  }
}

type SecretName = 'password' | 'apiKey' | 'signingSecret';
const STORED: Record<SecretName, 'passwordEncrypted' | 'apiKeyEncrypted' | 'signingSecretEncrypted'> = {
  password: 'passwordEncrypted',
  apiKey: 'apiKeyEncrypted',
  signingSecret: 'signingSecretEncrypted',
};

/** Sets every stored secret the patch does not give to null (cleared); returns their names. */
function clearUnsentSecrets(current: WebServiceEntity, patch: WebServicePatch): SecretName[] {
  const cleared: SecretName[] = [];
  for (const secret of Object.keys(STORED) as SecretName[]) {
    if (patch[secret] === undefined && current[STORED[secret]] !== null) {
      patch[secret] = null;
      cleared.push(secret);
    }
  }
  return cleared;
}

function stateOf(entity: WebServiceEntity): WebServiceState {
  const {
    id: _id,
    passwordEncrypted,
    apiKeyEncrypted,
    signingSecretEncrypted: _s,
    createdAt: _c,
    updatedAt: _u,
    rateLimitRequests: _r,
    rateLimitPerSeconds: _ps,
    ...settings
  } = entity;
  return { ...settings, rateLimit: rateLimitOf(entity), hasPassword: passwordEncrypted !== null, hasApiKey: apiKeyEncrypted !== null };
}

function nameTaken(name: string): ConflictError {
  return new ConflictError('WEB_SERVICE.NAME_TAKEN', `name: a web service named "${name}" already exists`, {
    details: [{ field: 'name', problem: 'is already used by another web service' }],
  });
}
