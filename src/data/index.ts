// The data layer's API (React-free). The data cell calls loadBuiltin() first, and loadFromFiles() when a
// class picks or drops a VOCdevkit folder, a .zip or a .tar; every Dataset carries its load report.
export {
  batches,
  type GroundTruthBatch,
  maxObjectCount,
  type PadOptions,
  padGroundTruth,
  scaleBox,
} from "./batch";
export { browserDecoder, defaultDecoder, type ImageDecoder } from "./decode";
export { largestOf, largestPerImage, trainValSplit } from "./lesson";
export { filesFromDrop, type LoadInput, loadFromFiles, sniffArchive } from "./load";
export { loadBuiltin, loadPack, PACK_FORMAT, type PackManifest, packUrl } from "./pack";
export { formatReport } from "./report";
export { getCvIdxs, lessonSplit, permutation } from "./split";
export * from "./types";
export { type PathedFile, pathOf } from "./vfs";
export type { ReadOptions } from "./voc-reader";
export { parseVocXml, type VocXml } from "./voc-xml";
