// The lesson's losses, one import: class losses, the SSD loss (per image and batched), single-object detection.

export * from "./loss-class";
export * from "./loss-detn";
export * from "./loss-ssd";
