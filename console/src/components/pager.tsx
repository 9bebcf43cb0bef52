/** Offset paging under a table: the total, back to the first page, on to the next. */
import { useI18n } from '../i18n/i18n';

export function OffsetPager(props: { total: number; offset: number; pageSize: number; onOffset(offset: number): void }) {
  const { t } = useI18n();
  const { total, offset, pageSize, onOffset } = props;
  return (
    <div class="pager">
      <span>{t('common.total', { count: total })}</span>
      <button type="button" class="secondary" disabled={offset === 0} onClick={() => onOffset(0)}>
        {t('common.first')}
      </button>
      <button type="button" class="secondary" disabled={offset + pageSize >= total} onClick={() => onOffset(offset + pageSize)}>
        {t('common.next')}
      </button>
    </div>
  );
}
