// One control per declared setting (the declaration drives both the control and the URL).
// Element ids are unique on the page: the shell passes `setting-<cell>-<name>` (labels stay associated).
import type { SettingDef, SettingValue } from "../../settings";
import { formatRate, logStops, nearestStop } from "./logSteps";

interface Props {
  def: SettingDef;
  value: SettingValue;
  onChange(v: SettingValue): void;
  /** the control's element id (unique on the page) */
  id: string;
}

export function SettingControl({ def, value, onChange, id }: Props) {
  if (def.kind === "float" && def.scale === "log" && def.min !== undefined && def.max !== undefined) {
    const stops = logStops(def.min, def.max);
    const v = Number(value);
    return (
      <label className="setting" htmlFor={id}>
        {def.label}
        <input
          id={id}
          type="range"
          data-scale="log"
          min={0}
          max={stops.length - 1}
          step={1}
          value={nearestStop(stops, v)}
          aria-valuetext={formatRate(v)}
          onChange={(e) => {
            const i = Number.parseInt(e.target.value, 10);
            if (stops[i] !== undefined) onChange(stops[i]);
          }}
        />
        <output htmlFor={id}>{formatRate(v)}</output>
      </label>
    );
  }
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
