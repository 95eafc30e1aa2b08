// A term with an explanation: opens on hover, on keyboard focus and on click/tap (not hover-only).
import { type ReactNode, useId, useState } from "react";

export function Term({ children, explain }: { children: ReactNode; explain: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [pinned, setPinned] = useState(false);
  const id = useId();
  const shown = open || pinned;
  return (
    <span className="term" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button
        type="button"
        className="term-label"
        aria-describedby={shown ? id : undefined}
        aria-expanded={shown}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setPinned(false);
        }}
        onClick={() => setPinned((p) => !p)}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            setOpen(false);
            setPinned(false);
          }
        }}
      >
        {children}
      </button>
      {shown && (
        <span role="tooltip" id={id} className="term-tip">
          {explain}
        </span>
      )}
    </span>
  );
}
