/** A list of configuration items with a "new" button: web services, sync models, sync objects. */
import { PageHeader, Async } from './page';
import { DataTable, type Column } from './table';
import { useLoad } from '../lib/hooks';
import { useI18n } from '../i18n/i18n';

export function ListPage<R extends { id: number }>(props: {
  title: string;
  newHref: string;
  load: () => Promise<R[]>;
  columns: Column<R>[];
}) {
  const { t } = useI18n();
  const state = useLoad(props.load, []);
  return (
    <>
      <PageHeader title={props.title}>
        <a class="button primary" href={props.newHref}>
          {t('common.create')}
        </a>
      </PageHeader>
      <section class="card">
        <Async state={state}>{(rows) => <DataTable rows={rows} rowKey={(row) => row.id} columns={props.columns} />}</Async>
      </section>
    </>
  );
}
