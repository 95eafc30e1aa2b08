// Vector ops of the data layer (src/data), computed with the same parser the app uses.
import { parseVocXml } from "../../src/data/voc-xml";
import type { OpTable } from "./registry";

export const ops: OpTable = {
  /** A VOC annotation's text -> {filename, width, height, depth, objects}; malformed XML gives the case an error. */
  voc_xml: (args: Record<string, unknown>) => {
    if (typeof args.xml !== "string") throw new Error("xml must be the text of a VOC annotation file");
    return parseVocXml(args.xml);
  },
};
