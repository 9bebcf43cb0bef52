/**
 * The extension modules this build enables. A developer adding syncable models
 * writes a Nest module in its own folder (see res-partner-bank/) and lists it here.
 */
import { ResPartnerBankModule } from './res-partner-bank/res-partner-bank.module';

export const EXTENSION_MODULES = [ResPartnerBankModule];
