/** Route table: path pattern → page. */
import type { VNode } from 'preact';
import { match, type Route } from './lib/router';
import { AlertsPage } from './pages/alerts';
import { ChangeLogPage } from './pages/change-log';
import { ErrorsPage } from './pages/errors';
import { Overview } from './pages/overview';
import { RunPage, RunsPage } from './pages/runs';
import { SettingsPage } from './pages/settings';
import { SyncModelForm, SyncModelList } from './pages/sync-models';
import { SyncObjectForm, SyncObjectList } from './pages/sync-objects';
import { TrackingPage } from './pages/tracking';
import { WebServiceForm, WebServiceList } from './pages/web-services';

type PageFactory = (params: Record<string, string>, route: Route) => VNode;

const idOrNew = (id: string) => (id === 'new' ? null : Number(id));

const ROUTES: [string, PageFactory][] = [
  ['/', () => <Overview />],
  ['/alerts', () => <AlertsPage />],
  ['/sync-objects', () => <SyncObjectList />],
  ['/sync-objects/:id', ({ id }) => <SyncObjectForm key={id} id={idOrNew(id)} />],
  ['/web-services', () => <WebServiceList />],
  ['/web-services/:id', ({ id }) => <WebServiceForm key={id} id={idOrNew(id)} />],
  ['/sync-models', () => <SyncModelList />],
  ['/sync-models/:id', ({ id }) => <SyncModelForm key={id} id={idOrNew(id)} />],
  ['/settings', () => <SettingsPage />],
  ['/runs', (_, route) => <RunsPage route={route} />],
  ['/runs/:id', ({ id }) => <RunPage key={id} id={Number(id)} />],
  ['/change-log', (_, route) => <ChangeLogPage route={route} />],
  ['/tracking', (_, route) => <TrackingPage route={route} />],
  ['/errors', (_, route) => <ErrorsPage route={route} />],
];

export function resolvePage(route: Route): VNode {
  for (const [pattern, page] of ROUTES) {
    const params = match(pattern, route.path);
    if (params) return page(params, route);
  }
  return <Overview />;
}
