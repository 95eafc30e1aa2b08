// "Show code": the real source of the functions a cell runs, imported as text at build time, highlighted.
import hljs from "highlight.js/lib/core";
import typescript from "highlight.js/lib/languages/typescript";
import { useMemo, useState } from "react";

hljs.registerLanguage("typescript", typescript);

export function CodeView({ sources }: { sources?: { name: string; code: string }[] }) {
  const [tab, setTab] = useState(0);
  const current = sources?.[Math.min(tab, (sources?.length ?? 1) - 1)];
  const html = useMemo(
    () => (current ? hljs.highlight(current.code, { language: "typescript" }).value : ""),
    [current],
  );
  if (!sources) return <p className="hint">Loading the source…</p>;
  if (sources.length === 0) return <p className="hint">This cell has no source to show yet.</p>;
  return (
    <div className="code-view">
      <div role="tablist" aria-label="Source files">
        {sources.map((s, i) => (
          <button
            type="button"
            role="tab"
            key={s.name}
            aria-selected={i === tab}
            className={i === tab ? "active" : ""}
            onClick={() => setTab(i)}
          >
            {s.name}
          </button>
        ))}
      </div>
      <pre role="tabpanel">
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: highlight.js escapes the source it highlights */}
        <code className="hljs" dangerouslySetInnerHTML={{ __html: html }} />
      </pre>
    </div>
  );
}
