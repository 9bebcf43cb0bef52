/**
 * Example extension: adds the syncable model `res.partner.bank` (bank accounts of
 * contacts) without editing any core file — a model definition + entity, a
 * migration in ./migrations, and this module registering the model.
 */
import { Module } from '@nestjs/common';
import { OdooModelsModule } from '../../odoo/odoo.module';
import { RES_PARTNER_BANK } from './res-partner-bank.model';

@Module({ imports: [OdooModelsModule.forFeature([RES_PARTNER_BANK])] })
export class ResPartnerBankModule {}
