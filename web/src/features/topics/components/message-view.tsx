import { useState } from 'react';
import type { MessagePart, TopicMessage } from '@pipeline-panel/server/contracts';
import { fullText, messageAsJson } from '../model/message-view.ts';

/** One message in full: value and key decoded, the schema they were written with, headers, and Copy as JSON. */
export function MessageView({ topic, message }: { topic: string; message: TopicMessage }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(messageAsJson(topic, message)).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <div className="message-view">
      <div className="actions">
        <button type="button" className="btn btn-small" onClick={copy}>
          Copy as JSON
        </button>
        {copied === 'yes' && (
          <span className="muted" role="status">
            Copied
          </span>
        )}
        {copied === 'failed' && (
          <span className="field-error" role="alert">
            The browser refused the clipboard
          </span>
        )}
        <span className="muted">
          {message.timestampType} {new Date(message.timestamp).toISOString()}
        </span>
      </div>
      <PartView label="Value" part={message.value} />
      <PartView label="Key" part={message.key} />
      <h4>Headers</h4>
      {message.headers.length === 0 ? (
        <p className="muted">none</p>
      ) : (
        <dl className="kv headers">
          {message.headers.map((h, i) => (
            <div key={`${h.key}-${i}`}>
              <dt className="mono">{h.key}</dt>
              <dd className="mono">
                {h.value ?? 'null'} {h.encoding === 'hex' && <span className="muted">(hex)</span>}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

function PartView({ label, part }: { label: string; part: MessagePart }) {
  const schema =
    part.schemaId !== null ? `schema id ${part.schemaId}${part.subject ? ` (${part.subject} v${part.version ?? '?'})` : ''}` : null;
  return (
    <div className="part-view">
      <h4>
        {label} <span className={`pill format-${part.format}`}>{part.format}</span>{' '}
        <span className="muted">
          {part.bytes} bytes{schema ? `, ${schema}` : ''}
          {part.truncated ? ', shown cut at 64 KiB' : ''}
        </span>
      </h4>
      {part.note && <p className="warn-text">{part.note}</p>}
      <pre className="code-block">{fullText(part)}</pre>
    </div>
  );
}
