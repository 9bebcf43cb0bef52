/**
 * Odoo module: owns the Odoo-style local models (the "Odoo side"), the model
 * registry, the one write path for their records, Odoo domains, and the
 * records API (`/api/records/:model`).
 */
import { DynamicModule, Global, Module } from '@nestjs/common';
import { DomainCompiler } from './domain-compiler.service';
import { ModelDefinition } from './model-definition';
import { ModelRegistry } from './model.registry';
import { CORE_MODELS } from './models';
import { BoundedReads } from './records/bounded-reads';
import { RecordChangeHooks } from './records/record-change.hooks';
import { RecordReader } from './records/record.reader';
import { RecordRepository } from './records/record.repository';
import { RecordWriter } from './records/record.writer';
import { RecordsController } from './records/records.controller';
import { RecordsService } from './records/records.service';

@Global()
@Module({
  controllers: [RecordsController],
  providers: [
    {
      provide: ModelRegistry,
      useFactory: () => {
        const registry = new ModelRegistry();
        CORE_MODELS.forEach((model) => registry.register(model));
        return registry;
      },
    },
    BoundedReads,
    RecordRepository,
    RecordReader,
    RecordWriter,
    RecordChangeHooks,
    DomainCompiler,
    RecordsService,
  ],
  exports: [ModelRegistry, RecordRepository, RecordReader, RecordWriter, RecordChangeHooks, DomainCompiler],
})
export class OdooModule {}

/**
 * How a feature module adds syncable models without touching core files:
 *
 *   @Module({ imports: [OdooModelsModule.forFeature([MY_MODEL])] })
 *   export class MyModelsModule {}
 *
 * plus an entity (`*.model.ts` or `*.entity.ts`) and a migration (`migrations/<timestamp>-*.ts`)
 * in the module's folder; both are found by file name.
 */
@Module({})
export class OdooModelsModule {
  static forFeature(models: ModelDefinition[]): DynamicModule {
    const token = `OdooModels:${models.map((m) => m.name).join(',')}`;
    return {
      module: OdooModelsModule,
      providers: [
        {
          provide: token,
          inject: [ModelRegistry],
          useFactory: (registry: ModelRegistry) => models.forEach((model) => registry.register(model)),
        },
      ],
    };
  }
}
