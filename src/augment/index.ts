// Augmentations that move the boxes with the image (the lesson's tfm_y=TfmType.COORD), per image and batched.
export * from "./affine";
export * from "./batch";
export * from "./crop-zoom";
export * from "./grid";
export * from "./plan";
export * from "./presets";
export * from "./random";
export * from "./sample";
export * from "./transforms";
