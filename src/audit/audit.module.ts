/**
 * audit: the trail of admin writes (create, update, delete, import, key generate/revoke, retry, release, ...):
 * when, who (admin token + client address, or the CLI), what, on which resource, and a diff without secrets.
 * Low in the layers so every service records its writes in its own transaction (AuditService.record inside
 * unitOfWork.run). Read at GET /api/audit.
 */
import { Global, Module } from '@nestjs/common';
import { AuditContext, AuditContextMiddleware } from './audit.context';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditContext, AuditContextMiddleware, AuditRepository, AuditService],
  exports: [AuditService, AuditContext, AuditContextMiddleware],
})
export class AuditModule {}
