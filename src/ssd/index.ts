// Public API of the lesson's maths (src/ssd): boxes, anchors, IoU, matching, decoding, losses, NMS, mAP.

export * from "./anchors";
export * from "./boxes";
export * from "./decode";
export * from "./iou";
export * from "./loss";
export * from "./map";
export * from "./match";
export * from "./nms";
export * from "./types";
