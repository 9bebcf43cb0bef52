/**
 * mapping: a sync object's field mapping in both directions, below the inbound
 * (engine) and outbound (outbox) paths that both use it: external payload → coerced
 * record values and references (inbound-mapper.ts), record → external values
 * (outbound-mapper.ts, and OutboundValuesBuilder, which reads the referenced records).
 */
import { Module } from '@nestjs/common';
import { OutboundValuesBuilder } from './outbound-values.builder';

@Module({
  providers: [OutboundValuesBuilder],
  exports: [OutboundValuesBuilder],
})
export class MappingModule {}
