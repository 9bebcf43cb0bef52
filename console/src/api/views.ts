/** Names for the API's answers, all from the generated OpenAPI types (so the type-check catches drift). */
import type { Schemas } from './client';

export type SyncObject = Schemas['SyncObjectResponse'];
export type Direction = SyncObject['direction'];
export type Mode = SyncObject['mode'];
export type Endpoint = Schemas['EndpointRowView'];
export type FieldMapping = Schemas['FieldMappingView'];
export type SyncModel = Schemas['SyncModelResponse'];
export type SyncModelField = Schemas['SyncModelFieldDto'];
export type FieldType = SyncModelField['type'];
export type OdooModel = Schemas['ModelView'];
export type OdooField = Schemas['ModelFieldView'];
export type SyncRun = Schemas['SyncRunResponse'];
export type RunStatus = SyncRun['status'];
export type OutboxRow = Schemas['OutboxRowView'];
export type OutboxStatus = OutboxRow['status'];
export type SyncState = Schemas['SyncStateView'];
export type WebService = Schemas['WebServiceView'];
export type WebServiceWithHealth = Schemas['WebServiceDetailView'];
export type ChangeLogEntry = Schemas['ChangeLogEntryView'];
export type ChangeLogPage = Schemas['ChangeLogPageView'];
export type ApiKey = Schemas['ApiKeyView'];
export type Alert = Schemas['AlertResponse'];
export type AlertLevel = Alert['level'];
export type WebServiceCall = Schemas['WebServiceCallView'];

export interface Page<T> {
  items: T[];
  total: number;
}
