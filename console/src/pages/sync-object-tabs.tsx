/**
 * The tabs under the sync object's form: its field mapping and API (as in the seed), and, once saved,
 * its dry run, schema drift (objects that receive) and flapping records (bidirectional objects).
 */
import type { ComponentChildren } from 'preact';
import type { SyncObject } from '../api/views';
import { Notice } from '../components/page';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { DriftTab } from './sync-object-drift';
import { DryRunTab } from './sync-object-dry-run';
import { FlappingTab } from './sync-object-flapping';

export type Tab = 'fields' | 'api' | 'dryRun' | 'drift' | 'flapping';

function tabsOf(object: SyncObject | undefined): Tab[] {
  if (!object) return ['fields', 'api'];
  return [
    'fields',
    'api',
    'dryRun',
    ...(object.direction !== 'odoo_to_external' ? (['drift'] as const) : []),
    ...(object.direction === 'bidirectional' ? (['flapping'] as const) : []),
  ];
}

export function SyncObjectTabs(props: {
  tab: Tab;
  onTab(tab: Tab): void;
  object: SyncObject | undefined;
  /** How many times "Dry run" was asked for (the dry run tab plans again each time). */
  dryRuns: number;
  mapping: ComponentChildren;
  api: ComponentChildren;
}) {
  const { t } = useI18n();
  const { object } = props;
  const tabs = tabsOf(object);
  const tab = tabs.includes(props.tab) ? props.tab : 'fields';
  return (
    <>
      <div class="tabs" role="tablist">
        {tabs.map((name) => (
          <button type="button" role="tab" aria-selected={tab === name} onClick={() => props.onTab(name)}>
            {t(`so.tab.${name}` as MessageKey)}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'fields' && props.mapping}
        {tab === 'api' && (object ? props.api : <Notice tone="warn">{t('so.apiSaveFirst')}</Notice>)}
        {object && tab === 'dryRun' && <DryRunTab objectId={object.id} request={props.dryRuns} />}
        {object && tab === 'drift' && <DriftTab objectId={object.id} />}
        {object && tab === 'flapping' && <FlappingTab objectId={object.id} odooModel={object.odooModel} />}
      </div>
    </>
  );
}
