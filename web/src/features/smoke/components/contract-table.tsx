import type { ContractReport, Verdict } from '@pipeline-panel/server/contracts';
import { DataTable } from '../../../components/data-table.tsx';

const COLUMNS = [
  { title: 'Field' },
  { title: 'Avro type' },
  { title: 'Column' },
  { title: 'Column type' },
  { title: 'Verdict' },
  { title: 'Why · suggested type' },
];

const VERDICT: Record<Verdict, { tone: string; label: string; icon: string }> = {
  ok: { tone: 'tone-ok', label: 'ok', icon: '✓' },
  warning: { tone: 'tone-warn', label: 'warning', icon: '!' },
  error: { tone: 'tone-bad', label: 'error', icon: '✕' },
};

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const look = VERDICT[verdict];
  return (
    <span className={`badge ${look.tone} verdict-badge`}>
      <span aria-hidden="true">{look.icon}</span> {look.label}
    </span>
  );
}

/**
 * The contract check, field by field: Avro field and type, the column and its type, the verdict with its reason and
 * a suggested column type. Reusable by any screen that has a ContractReport (smoke test, wizard, connectors).
 */
export function ContractTable({ report, caption }: { report: ContractReport; caption?: string }) {
  return (
    <div className="contract">
      <p className={`contract-summary ${VERDICT[report.verdict].tone}`} role="status">
        <VerdictBadge verdict={report.verdict} /> <span>{report.summary}</span>
      </p>
      <DataTable label={caption ?? 'Contract: Avro fields and table columns'} className="contract-table" columns={COLUMNS}>
        {report.fields.map((f, i) => (
          <tr
            key={`${f.field ?? ''}:${f.column ?? ''}:${i}`}
            data-field={f.field ?? ''}
            data-column={f.column ?? ''}
            data-verdict={f.verdict}
          >
            <td className="mono">{f.field ?? <span className="muted">—</span>}</td>
            <td className="mono wrap">{f.avroType ?? ''}</td>
            <td className="mono">{f.column ?? <span className="muted">—</span>}</td>
            <td className="mono wrap">{f.columnType ?? ''}</td>
            <td>
              <VerdictBadge verdict={f.verdict} />
            </td>
            <td className="wrap">
              {f.verdict !== 'ok' || !f.reason ? f.reason : <span className="muted">{f.reason}</span>}
              {f.suggestedType && f.verdict !== 'ok' && (
                <div className="contract-suggest">
                  suggested: <code>{f.suggestedType}</code>
                </div>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
