export { defineSetting, type GetSetting, withSetting } from "./define";
export { SettingsProvider, type SettingsStore, useSetting, valueIn } from "./live";
export type {
  BoolSetting,
  ChoiceSetting,
  ListSetting,
  NumberSetting,
  SettingDef,
  Settings,
  SettingValue,
  TextSetting,
  ValueOf,
} from "./types";
