import { splitInlineCode } from '../lib/inline-code.ts';

/** Server messages mark commands with backticks; show them as code. */
export function RichText({ text }: { text: string }) {
  return (
    <>
      {splitInlineCode(text).map((segment, i) =>
        segment.code ? <code key={i}>{segment.text}</code> : <span key={i}>{segment.text}</span>,
      )}
    </>
  );
}
