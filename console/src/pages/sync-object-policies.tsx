/**
 * The sync object's guard and policies in its form: the mass-change guard (every threshold optional, all
 * empty = no guard), the schema-drift policy and, for bidirectional objects, when a record counts as flapping.
 * The form holds them as flat number fields; the body nests them as the API wants.
 */
import type { Schemas } from '../api/client';
import type { SyncObject } from '../api/views';
import { NumberField, SelectField } from '../components/fields';
import { enumOptions } from '../components/filters';
import { useI18n } from '../i18n/i18n';
import type { Form } from '../lib/hooks';

export interface PolicyValues {
  schemaDrift: SyncObject['schemaDrift'];
  deletesCount: number | null;
  deletesPercent: number | null;
  deletesWindowSeconds: number | null;
  updatesCount: number | null;
  updatesPercent: number | null;
  flappingChanges: number | null;
  flappingWindowSeconds: number | null;
}

export function policyValues(object: SyncObject | undefined): PolicyValues {
  const guard = object?.guard;
  return {
    schemaDrift: object?.schemaDrift ?? 'warn',
    deletesCount: guard?.maxDeletes?.count ?? null,
    deletesPercent: guard?.maxDeletes?.percent ?? null,
    deletesWindowSeconds: guard?.maxDeletes?.windowSeconds ?? null,
    updatesCount: guard?.maxUpdates?.count ?? null,
    updatesPercent: guard?.maxUpdates?.percent ?? null,
    flappingChanges: object?.flapping?.changes ?? null,
    flappingWindowSeconds: object?.flapping?.windowSeconds ?? null,
  };
}

const POLICY_KEYS = Object.keys(policyValues(undefined)) as (keyof PolicyValues)[];

/** The form's values split into the policy part and the rest (the API refuses keys it does not know). */
export function splitPolicies<T extends PolicyValues>(values: T): { policies: PolicyValues; rest: Omit<T, keyof PolicyValues> } {
  const rest = { ...values } as Record<string, unknown>;
  for (const key of POLICY_KEYS) delete rest[key];
  const policies = Object.fromEntries(POLICY_KEYS.map((key) => [key, values[key]])) as unknown as PolicyValues;
  return { policies, rest: rest as Omit<T, keyof PolicyValues> };
}

/** Only the numbers that are set; undefined when none is. */
function limit<T extends Record<string, number | null>>(values: T): { [K in keyof T]?: number } | undefined {
  const set = Object.entries(values).filter(([, value]) => value !== null);
  return set.length ? (Object.fromEntries(set) as { [K in keyof T]?: number }) : undefined;
}

export function policyBody(values: PolicyValues): {
  schemaDrift: SyncObject['schemaDrift'];
  guard: Schemas['SyncGuardDto'] | null;
  flapping: Schemas['FlappingDto'] | null;
} {
  const maxDeletes = limit({ count: values.deletesCount, percent: values.deletesPercent, windowSeconds: values.deletesWindowSeconds });
  const maxUpdates = limit({ count: values.updatesCount, percent: values.updatesPercent });
  const guard = maxDeletes || maxUpdates ? { ...(maxDeletes && { maxDeletes }), ...(maxUpdates && { maxUpdates }) } : null;
  const { flappingChanges: changes, flappingWindowSeconds: windowSeconds } = values;
  // One of the two left empty is sent as 0, so the API's answer names the field.
  const flapping = changes === null && windowSeconds === null ? null : { changes: changes ?? 0, windowSeconds: windowSeconds ?? 0 };
  return { schemaDrift: values.schemaDrift, guard, flapping };
}

/** Problems the API names on a whole part (`guard.maxDeletes`), shown under its group. */
function GroupErrors({ errors, keys }: { errors: Record<string, string>; keys: string[] }) {
  const found = keys.filter((key) => errors[key]);
  return (
    <>
      {found.map((key) => (
        <p class="field-error" role="alert">
          {errors[key]}
        </p>
      ))}
    </>
  );
}

export function PolicyFields<T extends PolicyValues>({ form, direction }: { form: Form<T>; direction: SyncObject['direction'] }) {
  const { t } = useI18n();
  // Typed as the policy part of the form: the fields below only touch those keys.
  const f = form as unknown as Form<PolicyValues>;
  if (direction === 'odoo_to_external') return null;
  return (
    <fieldset class="policies" data-testid="policies">
      <legend>{t('policy.title')}</legend>
      <p class="hint">{t('policy.guardHint')}</p>
      <div class="form-grid">
        <div>
          <h3>{t('policy.maxDeletes')}</h3>
          <NumberField form={f} name="deletesCount" errorKey="guard.maxDeletes.count" label={t('policy.deletesCount')} min={0} />
          <NumberField
            form={f}
            name="deletesPercent"
            errorKey="guard.maxDeletes.percent"
            label={t('policy.deletesPercent')}
            min={0}
            max={100}
          />
          <NumberField
            form={f}
            name="deletesWindowSeconds"
            errorKey="guard.maxDeletes.windowSeconds"
            label={t('policy.deletesWindow')}
            hint={t('policy.deletesWindowHint')}
            min={1}
          />
          <GroupErrors errors={form.errors} keys={['guard', 'guard.maxDeletes']} />
        </div>
        <div>
          <h3>{t('policy.maxUpdates')}</h3>
          <NumberField form={f} name="updatesCount" errorKey="guard.maxUpdates.count" label={t('policy.updatesCount')} min={0} />
          <NumberField
            form={f}
            name="updatesPercent"
            errorKey="guard.maxUpdates.percent"
            label={t('policy.updatesPercent')}
            min={0}
            max={100}
          />
          <GroupErrors errors={form.errors} keys={['guard.maxUpdates']} />
        </div>
      </div>
      <div class="form-grid">
        <div>
          <SelectField
            form={f}
            name="schemaDrift"
            label={t('so.schemaDrift')}
            options={enumOptions(t, 'schemaDrift', ['ignore', 'warn', 'hold'])}
          />
        </div>
        {direction === 'bidirectional' && (
          <div>
            <h3>{t('policy.flapping')}</h3>
            <p class="hint">{t('policy.flappingHint')}</p>
            <div class="form-grid">
              <NumberField form={f} name="flappingChanges" errorKey="flapping.changes" label={t('policy.flappingChanges')} min={2} />
              <NumberField
                form={f}
                name="flappingWindowSeconds"
                errorKey="flapping.windowSeconds"
                label={t('policy.flappingWindow')}
                min={1}
              />
            </div>
            <GroupErrors errors={form.errors} keys={['flapping']} />
          </div>
        )}
      </div>
    </fieldset>
  );
}
