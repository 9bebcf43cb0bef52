import { ApiProperty } from '@nestjs/swagger';

/** GET /health when the service and its database are up. */
export class HealthView {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ enum: ['sqlite', 'mysql'], description: 'Which database this instance uses' }) database!: string;
}
