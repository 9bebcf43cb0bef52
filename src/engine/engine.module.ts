/** engine: mapping and coercion between external payloads and Odoo records, and applying inbound changes. */
import { Module } from '@nestjs/common';
import { ChangeControlModule } from '../change-control/change-control.module';
import { InboundApplier } from './inbound-applier.service';
import { InboundBatchApplier } from './inbound-batch.service';
import { OutboundValuesBuilder } from './outbound-values.builder';
import { ReferenceResolver } from './reference.resolver';

@Module({
  imports: [ChangeControlModule],
  providers: [ReferenceResolver, InboundApplier, InboundBatchApplier, OutboundValuesBuilder],
  exports: [ReferenceResolver, InboundApplier, InboundBatchApplier, OutboundValuesBuilder],
})
export class EngineModule {}
