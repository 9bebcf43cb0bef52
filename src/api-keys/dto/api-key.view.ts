import { ApiProperty } from '@nestjs/swagger';
import { ApiKeyEntity } from '../api-key.entity';

/** What listings show of a key: never the key itself, nor its hash. */
export class ApiKeyView {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'Last four characters of the key, to tell keys apart', example: 'DP16' })
  last4!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUsedAt!: Date | null;

  @ApiProperty({ type: [String], nullable: true, description: 'Sync-model codes the key may call; null = every code' })
  syncModelCodes!: string[] | null;
}

/** The answer to a create: the only time the key is ever shown. */
export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({ description: 'The key; shown once, store it now', example: 'MGNN4Q4JI6Z3I8J1ROT2F3QK7CESDP16' })
  key!: string;
}

export function toApiKeyView(entity: ApiKeyEntity): ApiKeyView {
  return {
    id: entity.id,
    name: entity.name,
    last4: entity.last4,
    createdAt: entity.createdAt,
    lastUsedAt: entity.lastUsedAt,
    syncModelCodes: entity.syncModelCodes ?? null,
  };
}
