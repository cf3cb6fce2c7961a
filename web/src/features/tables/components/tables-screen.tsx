import { useState } from 'react';
import { DataAge } from '../../../components/data-age.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { plural } from '../../../components/format-numbers.ts';
import { PageHeader, Placeholder, Section } from '../../../components/page.tsx';
import { ReplicasPanel } from './replicas-panel.tsx';
import { useRefreshTables, useTables } from '../api/list-tables.ts';
import { groupByDatabase, tableId } from '../model/tables-view.ts';
import { DatabaseTables } from './database-tables.tsx';
import { QueryBox } from './query-box.tsx';
import { SqlFiles } from './sql-files.tsx';
import { TableDetail } from './table-detail.tsx';
import './tables.css';

export function TablesScreen() {
  const tables = useTables();
  const refresh = useRefreshTables();
  const [selected, setSelected] = useState<string | null>(null);
  const data = tables.data;
  const groups = data ? groupByDatabase(data.tables, data.databases) : [];
  const current = data?.tables.find((t) => tableId(t) === selected) ?? null;

  return (
    <div className="page tables-screen">
      <PageHeader
        title="Tables"
        sub="ClickHouse: databases and tables with their size and columns, the DDL files in sql/, the newest rows of a table, and a read-only query box."
        actions={
          <button type="button" className="btn" onClick={() => void refresh().catch(() => undefined)} disabled={tables.isFetching}>
            Refresh
          </button>
        }
      />
      {tables.isError ? (
        <ErrorNotice error={tables.error} doing="list the ClickHouse tables" onRetry={() => void tables.refetch()} />
      ) : (
        <Section
          title="Databases"
          note={
            data ? (
              <>
                {`${plural(groups.length, 'database')} · ${plural(data.tables.length, 'table')}`} · <DataAge fetchedAt={data.fetchedAt} />
              </>
            ) : undefined
          }
        >
          {tables.isPending && <Placeholder>Reading tables from ClickHouse…</Placeholder>}
          {data && groups.length === 0 && (
            <Placeholder>No databases besides ClickHouse's own. Create the tables from a file in sql/ below.</Placeholder>
          )}
          <div className="db-list">
            {groups.map((group) => (
              <DatabaseTables key={group.database} group={group} selected={selected} onSelect={setSelected} />
            ))}
          </div>
        </Section>
      )}
      {current && <TableDetail key={selected} table={current} onClose={() => setSelected(null)} />}
      <QueryBox />
      <ReplicasPanel />
      <SqlFiles reportedAbove={isApiError(tables.error) ? tables.error.code : null} />
    </div>
  );
}
