import { PRODUCT_PRODUCT } from './product-product.model';
import { RES_COUNTRY } from './res-country.model';
import { RES_PARTNER } from './res-partner.model';
import { RES_PARTNER_CATEGORY } from './res-partner-category.model';

/** The models Synchro ships with. */
export const CORE_MODELS = [RES_COUNTRY, RES_PARTNER_CATEGORY, RES_PARTNER, PRODUCT_PRODUCT];
