import { Injectable } from '@nestjs/common';
import { UsageChecks } from '../common/usage-checks';

/**
 * Modules that reference web services (sync-objects) register a check here at init,
 * so this module can refuse to delete a web service in use without depending on them.
 */
@Injectable()
export class WebServiceUsage extends UsageChecks {}
