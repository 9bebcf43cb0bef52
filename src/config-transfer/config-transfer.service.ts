import { AuditService } from '../audit/audit.service';
import { Injectable } from '@nestjs/common';
import { SynchroError, ValidationError } from '../common/errors';
import { ConfigVersion } from '../database/config-version';
import { UnitOfWork } from '../database/unit-of-work';
import { SyncModelsService } from '../sync-models/sync-model.service';
import { SyncObjectCatalog } from '../sync-objects/sync-object.catalog';
import { SyncObjectsService } from '../sync-objects/sync-object.service';
import { WebServicesService } from '../web-services/web-services.service';
import { ConfigDocumentDto, ImportReport, SyncObjectDocument, WebServiceDocument } from './dto/config-document.dto';

/**
 * Moves a configuration between installations (staging → production): web
 * services without secrets, sync models, sync objects referring to them by name
 * and code. An import is one transaction, checked by the same rules as the admin
 * API: every item applies or none does.
 */
@Injectable()
export class ConfigTransferService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly configVersion: ConfigVersion,
    private readonly webServices: WebServicesService,
    private readonly syncModels: SyncModelsService,
    private readonly syncObjects: SyncObjectsService,
    private readonly catalog: SyncObjectCatalog,
    private readonly audit: AuditService,
  ) {}

  async export(): Promise<ConfigDocumentDto> {
    const [webServices, syncModels, syncObjects] = await Promise.all([
      this.webServices.list(),
      this.syncModels.list(),
      this.syncObjects.list(),
    ]);
    const wsNames = new Map(webServices.map((ws) => [ws.id, ws.name]));
    return {
      version: 1,
      exportedAt: new Date().toISOString(),
      webServices: webServices.map((ws): WebServiceDocument => ({
        name: ws.name,
        url: ws.url,
        needsConfirmation: ws.needsConfirmation,
        confirmationUrl: ws.confirmationUrl,
        shippingUrl: ws.shippingUrl,
        needsAuthentication: ws.needsAuthentication,
        authMode: ws.authMode,
        username: ws.username,
        timeoutMs: ws.timeoutMs,
        active: ws.active,
        rateLimit: ws.rateLimit,
        maxConcurrency: ws.maxConcurrency,
      })),
      syncModels: syncModels.map((m) => ({ name: m.name, code: m.code, fields: m.fields })),
      syncObjects: syncObjects.map((o): SyncObjectDocument => ({
        name: o.name,
        direction: o.direction,
        webService: wsNames.get(o.webServiceId) ?? '',
        mode: o.mode,
        priority: o.priority,
        odooModel: o.odooModel,
        odooRefField: o.odooRefField,
        propagateDeletes: o.propagateDeletes,
        syncModel: o.syncModelCode ?? '',
        externalRefField: o.externalRefField,
        domain: o.domain,
        limit: o.limit,
        drain: o.drain,
        schemaDrift: o.schemaDrift,
        flapping: o.flapping,
        fields: o.fields,
        schedule: o.schedule,
        endpoints: o.endpoints.map(({ action, active, description }) => ({ action, active, description })),
        guard: o.guard,
        active: o.active,
      })),
    };
  }

  async import(document: ConfigDocumentDto): Promise<ImportReport> {
    const report: ImportReport = {
      created: { webServices: 0, syncModels: 0, syncObjects: 0 },
      updated: { webServices: 0, syncModels: 0, syncObjects: 0 },
      warnings: [],
    };
    try {
      await this.unitOfWork.run(async () => {
        // First: the version row is locked before any configuration row (the order writers take them in).
        await this.configVersion.change();
        const wsIds = await this.importWebServices(document.webServices, report);
        const modelIds = await this.importSyncModels(document, report);
        await this.importSyncObjects(document.syncObjects, wsIds, modelIds, report);
        // Fields dropped from a sync model must be unused once the import's objects are applied.
        for (const [index, item] of document.syncModels.entries()) {
          await at(`syncModels.${index}`, () => this.syncModels.checkFieldsInUse(modelIds.get(item.code.toLowerCase())!));
        }
        // One entry for the import; each item it created or changed has its own (same transaction).
        await this.audit.record({
          action: 'import',
          resourceType: 'config',
          details: { created: report.created, updated: report.updated },
        });
      });
    } finally {
      // Whatever happened, cached objects must be re-read (a rollback undoes saves the cache saw).
      this.catalog.invalidate();
    }
    return report;
  }

  private async importWebServices(items: WebServiceDocument[], report: ImportReport): Promise<Map<string, number>> {
    const existing = new Map((await this.webServices.list()).map((ws) => [ws.name.toLowerCase(), ws]));
    const ids = new Map<string, number>();
    for (const [index, item] of items.entries()) {
      const current = existing.get(item.name.toLowerCase());
      const saved = await at(`webServices.${index}`, () =>
        current
          ? this.webServices.update(current.id, item, { allowMissingSecrets: true })
          : this.webServices.create(item, { allowMissingSecrets: true }),
      );
      report[current ? 'updated' : 'created'].webServices++;
      ids.set(item.name.toLowerCase(), saved.id);
      report.warnings.push(...(saved.warnings ?? []));
      if (saved.needsAuthentication && saved.authMode === 'user_password' && !saved.hasPassword) {
        report.warnings.push(`web service "${saved.name}": no password set; set it with PATCH /api/web-services/${saved.id}`);
      }
      if (saved.needsAuthentication && saved.authMode === 'api_key' && !saved.hasApiKey) {
        report.warnings.push(`web service "${saved.name}": no API key set; set it with PATCH /api/web-services/${saved.id}`);
      }
    }
    return ids;
  }

  private async importSyncModels(document: ConfigDocumentDto, report: ImportReport): Promise<Map<string, number>> {
    const existing = new Map((await this.syncModels.list()).map((m) => [m.code.toLowerCase(), m]));
    const ids = new Map([...existing.values()].map((m) => [m.code.toLowerCase(), m.id]));
    for (const [index, item] of document.syncModels.entries()) {
      const current = existing.get(item.code.toLowerCase());
      const saved = await at(`syncModels.${index}`, () =>
        current ? this.syncModels.update(current.id, item, { deferFieldCheck: true }) : this.syncModels.create(item),
      );
      report[current ? 'updated' : 'created'].syncModels++;
      ids.set(item.code.toLowerCase(), saved.id);
    }
    return ids;
  }

  private async importSyncObjects(
    items: SyncObjectDocument[],
    wsIds: Map<string, number>,
    modelIds: Map<string, number>,
    report: ImportReport,
  ): Promise<void> {
    const existing = new Map((await this.syncObjects.list()).map((o) => [o.name, o]));
    const knownWs = new Map((await this.webServices.list()).map((ws) => [ws.name.toLowerCase(), ws.id]));
    for (const [index, item] of items.entries()) {
      const { webService, syncModel, ...settings } = item;
      const webServiceId = wsIds.get(webService.toLowerCase()) ?? knownWs.get(webService.toLowerCase());
      const syncModelId = modelIds.get(syncModel.toLowerCase());
      if (webServiceId === undefined)
        throw ValidationError.field('CONFIG.UNKNOWN_REFERENCE', `syncObjects.${index}.webService`, `no web service named "${webService}"`);
      if (syncModelId === undefined)
        throw ValidationError.field('CONFIG.UNKNOWN_REFERENCE', `syncObjects.${index}.syncModel`, `no sync model with code "${syncModel}"`);
      const current = existing.get(item.name);
      const dto = { ...settings, webServiceId, syncModelId };
      await at(`syncObjects.${index}`, () => (current ? this.syncObjects.update(current.id, dto) : this.syncObjects.create(dto)));
      report[current ? 'updated' : 'created'].syncObjects++;
    }
  }
}

/** Runs one item's import; its errors name the item (`syncObjects.2.fields.1.odooField`). */
async function at<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof SynchroError)) throw error;
    const details = error.details.length
      ? error.details.map((d) => ({ field: `${path}.${d.field}`, problem: d.problem }))
      : [{ field: path, problem: error.message }];
    throw new SynchroError(error.kind, error.code, `${path}: ${error.message}`, details);
  }
}
