/** The validated scheduler settings (see scheduler-config.ts). */
export const SCHEDULER_CONFIG = Symbol('SCHEDULER_CONFIG');
