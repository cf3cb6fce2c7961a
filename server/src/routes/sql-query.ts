import { ErrorResponses } from '../contracts/common.ts';
import { SqlQueryInput, SqlQueryResult } from '../contracts/sql-query.ts';
import type { PanelApp } from '../http/panel-app.ts';
import type { SqlQueryService } from '../services/sql-query.ts';

const tags = ['tables'];

export function sqlQueryRoutes(app: PanelApp, query: SqlQueryService): void {
  app.post(
    '/api/clickhouse/query',
    {
      schema: {
        tags,
        summary: 'Run one read-only statement (readonly=1 and the limits in QUERY_LIMITS); changes nothing',
        description:
          'Refused before sending (400 QUERY_MULTI_STATEMENT, QUERY_NOT_READ_ONLY, QUERY_CLAUSE_REFUSED, QUERY_EMPTY); a ClickHouse error is a 400 with details.clickhouseCode (QUERY_FAILED, QUERY_TIMEOUT, QUERY_LIMIT_EXCEEDED, QUERY_NOT_READ_ONLY).',
        body: SqlQueryInput,
        response: { 200: SqlQueryResult, ...ErrorResponses },
      },
    },
    (request) => query.run(request.body),
  );
}
