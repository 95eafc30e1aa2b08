// One control per declared setting (the declaration drives both the control and the URL).
import type { SettingDef, SettingValue } from "../../lessons/types";

interface Props {
  def: SettingDef;
  value: SettingValue;
  onChange(v: SettingValue): void;
}

export function SettingControl({ def, value, onChange }: Props) {
  const id = `setting-${def.name}`;
  switch (def.kind) {
    case "bool":
      return (
        <label className="setting" htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            checked={Boolean(value)}
            onChange={(e) => onChange(e.target.checked)}
          />
          {def.label}
        </label>
      );
    case "enum":
      return (
        <label className="setting" htmlFor={id}>
          {def.label}
          <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)}>
            {def.options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
      );
    case "int":
    case "float": {
      const slider = def.min !== undefined && def.max !== undefined;
      const parse = (s: string) => (def.kind === "int" ? Number.parseInt(s, 10) : Number.parseFloat(s));
      return (
        <label className="setting" htmlFor={id}>
          {def.label}
          <input
            id={id}
            type={slider ? "range" : "number"}
            min={def.min}
            max={def.max}
            step={def.step ?? (def.kind === "int" ? 1 : 0.01)}
            value={Number(value)}
            onChange={(e) => {
              const v = parse(e.target.value);
              if (Number.isFinite(v)) onChange(v);
            }}
          />
          {slider && <output htmlFor={id}>{String(value)}</output>}
        </label>
      );
    }
    case "list":
      return (
        <label className="setting" htmlFor={id}>
          {def.label}
          <input
            id={id}
            key={(value as number[]).join(",")}
            type="text"
            defaultValue={(value as number[]).join(", ")}
            onBlur={(e) => {
              const xs = e.target.value.split(",").map((s) => Number(s.trim()));
              if (xs.length > 0 && xs.every(Number.isFinite)) onChange(xs);
            }}
          />
        </label>
      );
    default:
      return (
        <label className="setting" htmlFor={id}>
          {def.label}
          <input id={id} type="text" value={String(value)} onChange={(e) => onChange(e.target.value)} />
        </label>
      );
  }
}
