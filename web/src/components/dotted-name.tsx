import { Fragment } from 'react';

/**
 * A Java class or other dotted name that may wrap only after a dot (`com.clickhouse.kafka.connect.` ⏎
 * `ClickHouseSinkConnector`), never in the middle of a word.
 */
export function DottedName({ name }: { name: string }) {
  const parts = name.split('.');
  return (
    <span className="dotted-name">
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && (
            <>
              .<wbr />
            </>
          )}
        </Fragment>
      ))}
    </span>
  );
}
