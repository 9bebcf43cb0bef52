/** engine: mapping and coercion between external payloads and Odoo records, and applying inbound changes. */
import { Module } from '@nestjs/common';
import { ChangeControlModule } from '../change-control/change-control.module';
import { InboundApplier } from './inbound-applier.service';
import { OutboundValuesBuilder } from './outbound-values.builder';
import { ReferenceResolver } from './reference.resolver';

@Module({
  imports: [ChangeControlModule],
  providers: [ReferenceResolver, InboundApplier, OutboundValuesBuilder],
  exports: [ReferenceResolver, InboundApplier, OutboundValuesBuilder],
})
export class EngineModule {}
