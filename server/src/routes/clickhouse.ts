import { ErrorResponses, NoBody } from '../contracts/common.ts';
import {
  ApplySqlResult,
  SqlFileListResponse,
  SqlFileParams,
  TableListResponse,
  TablePreview,
  TablePreviewParams,
  TablePreviewQuery,
} from '../contracts/clickhouse.ts';
import type { PanelApp } from '../http/panel-app.ts';
import type { TableService } from '../services/tables.ts';

const tags = ['tables'];

export function clickhouseRoutes(app: PanelApp, tables: TableService): void {
  app.get(
    '/api/clickhouse/tables',
    {
      schema: {
        tags,
        summary: 'Databases and tables with engine, columns and sizes',
        response: { 200: TableListResponse, ...ErrorResponses },
      },
    },
    () => tables.list(),
  );

  app.get(
    '/api/clickhouse/tables/:database/:table/preview',
    {
      schema: {
        tags,
        summary: "A table's newest rows",
        params: TablePreviewParams,
        querystring: TablePreviewQuery,
        response: { 200: TablePreview, ...ErrorResponses },
      },
    },
    ({ params, query }) => tables.preview(params.database, params.table, query.limit ?? 20),
  );

  app.get(
    '/api/sql-files',
    {
      schema: {
        tags,
        summary: 'DDL files in sql/ and whether their tables exist',
        response: { 200: SqlFileListResponse, ...ErrorResponses },
      },
    },
    () => tables.sqlFiles(),
  );

  app.post(
    '/api/sql-files/:file/apply',
    {
      schema: {
        tags,
        summary: 'Apply a file from sql/ (every statement is IF NOT EXISTS)',
        description:
          'A failure (400 SQL_STATEMENT_FAILED) or a timeout (503 CLICKHOUSE_UNAVAILABLE) carries a per-statement report in details.',
        params: SqlFileParams,
        body: NoBody,
        response: { 200: ApplySqlResult, ...ErrorResponses },
      },
    },
    (request) => tables.applySqlFile(request.params.file),
  );
}
