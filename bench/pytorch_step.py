"""The SSD multi-head training step in PyTorch (the lesson's own code, pascal-multi.ipynb §SSD_MultiHead),
for `npm run bench`: prints one JSON line per variant with the median ms/step.

Same shapes and work as the tfjs step in bench/ssd-step.ts: features [B, C, 7, 7] -> SSD_MultiHead(k=9, 21
classes, drop 0.4) -> ssd_loss (BCE) against fixed synthetic boxes -> backward -> Adam.
Variants: "lesson" = the lesson's per-image ssd_loss loop; "batched" = the same loss without the Python loop.
"""
import json, os, sys, time
import torch, torch.nn as nn, torch.nn.functional as F

def main():
    a = dict(x.split("=", 1) for x in sys.argv[1:])
    C = int(a.get("channels", 512)); B = int(a.get("batch", 16)); runs = int(a.get("runs", 7))
    if "threads" in a: torch.set_num_threads(int(a["threads"]))
    threads = torch.get_num_threads()  # PyTorch's own default unless threads= is given
    torch.manual_seed(0)
    n_cls = 20; k = 9

    class StdConv(nn.Module):
        def __init__(self, nin, nout, stride=2, drop=0.1):
            super().__init__()
            self.conv = nn.Conv2d(nin, nout, 3, stride=stride, padding=1)
            self.bn = nn.BatchNorm2d(nout); self.drop = nn.Dropout(drop)
        def forward(self, x): return self.drop(self.bn(F.relu(self.conv(x))))

    def flatten_conv(x, k):
        bs, nf, gx, gy = x.size()
        return x.permute(0, 2, 3, 1).contiguous().view(bs, -1, nf // k)

    class OutConv(nn.Module):
        def __init__(self, k, nin, bias):
            super().__init__(); self.k = k
            self.oconv1 = nn.Conv2d(nin, (n_cls + 1) * k, 3, padding=1)
            self.oconv2 = nn.Conv2d(nin, 4 * k, 3, padding=1)
            self.oconv1.bias.data.zero_().add_(bias)
        def forward(self, x): return [flatten_conv(self.oconv1(x), self.k), flatten_conv(self.oconv2(x), self.k)]

    drop = 0.4
    class SSD_MultiHead(nn.Module):
        def __init__(self, k, bias):
            super().__init__()
            self.drop = nn.Dropout(drop)
            self.sconv0 = StdConv(C, 256, stride=1, drop=drop)
            self.sconv1 = StdConv(256, 256, drop=drop); self.sconv2 = StdConv(256, 256, drop=drop)
            self.sconv3 = StdConv(256, 256, drop=drop)
            self.out1 = OutConv(k, 256, bias); self.out2 = OutConv(k, 256, bias); self.out3 = OutConv(k, 256, bias)
        def forward(self, x):
            x = self.drop(F.relu(x)); x = self.sconv0(x); x = self.sconv1(x)
            o1c, o1l = self.out1(x); x = self.sconv2(x); o2c, o2l = self.out2(x); x = self.sconv3(x); o3c, o3l = self.out3(x)
            return [torch.cat([o1c, o2c, o3c], dim=1), torch.cat([o1l, o2l, o3l], dim=1)]

    # anchors: grids [4,2,1] x zooms [0.7,1,1.3] x ratios [(1,1),(1,.5),(.5,1)] (lesson §1.9)
    anc_grids, anc_zooms, anc_ratios = [4, 2, 1], [0.7, 1., 1.3], [(1., 1.), (1., 0.5), (0.5, 1.)]
    anchor_scales = [(anz * i, anz * j) for anz in anc_zooms for (i, j) in anc_ratios]
    anc_offsets = [1 / (o * 2) for o in anc_grids]
    import numpy as np
    anc_x = np.concatenate([np.repeat(np.linspace(ao, 1 - ao, ag), ag) for ao, ag in zip(anc_offsets, anc_grids)])
    anc_y = np.concatenate([np.tile(np.linspace(ao, 1 - ao, ag), ag) for ao, ag in zip(anc_offsets, anc_grids)])
    anc_ctrs = np.repeat(np.stack([anc_x, anc_y], axis=1), k, axis=0)
    anc_sizes = np.concatenate([np.array([[o / ag, p / ag] for i in range(ag * ag) for o, p in anchor_scales]) for ag in anc_grids])
    grid_sizes = torch.tensor(np.concatenate([np.array([1 / ag for i in range(ag * ag) for o, p in anchor_scales]) for ag in anc_grids]), dtype=torch.float32).unsqueeze(1)
    anchors = torch.tensor(np.concatenate([anc_ctrs, anc_sizes], axis=1), dtype=torch.float32)
    def hw2corners(ctr, hw): return torch.cat([ctr - hw / 2, ctr + hw / 2], dim=1)
    anchor_cnr = hw2corners(anchors[:, :2], anchors[:, 2:])

    def intersect(box_a, box_b):
        max_xy = torch.min(box_a[:, None, 2:], box_b[None, :, 2:]); min_xy = torch.max(box_a[:, None, :2], box_b[None, :, :2])
        inter = torch.clamp((max_xy - min_xy), min=0); return inter[:, :, 0] * inter[:, :, 1]
    def box_sz(b): return ((b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1]))
    def jaccard(box_a, box_b):
        inter = intersect(box_a, box_b); union = box_sz(box_a).unsqueeze(1) + box_sz(box_b).unsqueeze(0) - inter
        return inter / union
    def one_hot_embedding(labels, num_classes): return torch.eye(num_classes)[labels.data.cpu()]
    def loss_f(pred, targ):
        t = one_hot_embedding(targ, n_cls + 1)[:, :-1].contiguous(); x = pred[:, :-1]
        return F.binary_cross_entropy_with_logits(x, t, None, reduction="sum") / n_cls
    def get_y(bbox, clas):
        bbox = bbox.view(-1, 4); bb_keep = ((bbox[:, 2] - bbox[:, 0]) > 0).nonzero()[:, 0]
        return bbox[bb_keep], clas[bb_keep]
    def actn_to_bb(actn, anchors):
        actn_bbs = torch.tanh(actn)
        actn_centers = (actn_bbs[:, :2] / 2 * grid_sizes) + anchors[:, :2]
        actn_hw = (actn_bbs[:, 2:] / 2 + 1) * anchors[:, 2:]
        return hw2corners(actn_centers, actn_hw)
    def map_to_ground_truth(overlaps):
        prior_overlap, prior_idx = overlaps.max(1); gt_overlap, gt_idx = overlaps.max(0)
        gt_overlap[prior_idx] = 1.99
        for i, o in enumerate(prior_idx): gt_idx[o] = i
        return gt_overlap, gt_idx
    def ssd_1_loss(b_c, b_bb, bbox, clas):
        bbox, clas = get_y(bbox, clas); a_ic = actn_to_bb(b_bb, anchors)
        overlaps = jaccard(bbox.data, anchor_cnr.data); gt_overlap, gt_idx = map_to_ground_truth(overlaps)
        gt_clas = clas[gt_idx]; pos = gt_overlap > 0.4; pos_idx = torch.nonzero(pos)[:, 0]
        gt_clas[~pos] = n_cls; gt_bbox = bbox[gt_idx]
        loc_loss = ((a_ic[pos_idx] - gt_bbox[pos_idx]).abs()).mean()
        return loc_loss, loss_f(b_c, gt_clas)
    def ssd_loss(pred, targ):
        lcs, lls = 0., 0.
        for b_c, b_bb, bbox, clas in zip(*pred, *targ):
            loc_loss, clas_loss = ssd_1_loss(b_c, b_bb, bbox, clas); lls += loc_loss; lcs += clas_loss
        return lls + lcs
    def ssd_loss_batched(pred, targ):  # the same maths, matching done per image but losses in one go
        b_c, b_bb = pred; bbox, clas = targ
        gt_c, gt_b, posm = [], [], []
        for bb_i, cl_i in zip(bbox, clas):
            bb_i, cl_i = get_y(bb_i, cl_i); ov, ix = map_to_ground_truth(jaccard(bb_i, anchor_cnr))
            pos = ov > 0.4; g = cl_i[ix].clone(); g[~pos] = n_cls; gt_c.append(g); gt_b.append(bb_i[ix]); posm.append(pos)
        gt_c, gt_b, posm = torch.stack(gt_c), torch.stack(gt_b), torch.stack(posm).float()
        a_ic = torch.stack([actn_to_bb(x, anchors) for x in b_bb])
        loc = (((a_ic - gt_b).abs().sum(2) * posm).sum(1) / (posm.sum(1).clamp(min=1) * 4)).sum()
        t = one_hot_embedding(gt_c.view(-1), n_cls + 1)[:, :-1]
        clas_l = F.binary_cross_entropy_with_logits(b_c.view(-1, n_cls + 1)[:, :-1], t, reduction="sum") / n_cls
        return loc + clas_l

    g = torch.Generator().manual_seed(1)
    x = torch.randn(B, C, 7, 7, generator=g)
    # 3 objects per image, zero-padded to 4 rows (as fastai's jag_stack pads), corners in [0,1]
    lo = torch.rand(B, 3, 2, generator=g) * 0.6; hw = 0.1 + torch.rand(B, 3, 2, generator=g) * 0.35
    boxes = torch.cat([torch.cat([lo, (lo + hw).clamp(max=1)], 2), torch.zeros(B, 1, 4)], 1)
    classes = torch.cat([torch.randint(0, n_cls, (B, 3), generator=g), torch.zeros(B, 1, dtype=torch.long)], 1)

    variants = {"lesson": ssd_loss, "batched": ssd_loss_batched}
    for variant in a.get("variants", "lesson,batched").split(","):
        crit = variants[variant]
        model = SSD_MultiHead(k, -4.); model.train()
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.99))
        def step():
            opt.zero_grad(); loss = crit(model(x), (boxes, classes)); loss.backward(); opt.step(); return loss.item()
        step(); step()
        ts, cpu = [], []
        for _ in range(runs):
            c0 = time.process_time(); t0 = time.perf_counter(); step()
            ts.append((time.perf_counter() - t0) * 1000); cpu.append((time.process_time() - c0) * 1000)
        ts.sort(); cpu.sort()
        print(json.dumps({"variant": variant, "median_ms": ts[len(ts) // 2], "cpu_ms": cpu[len(cpu) // 2], "runs": runs, "threads": threads,
                          "torch": torch.__version__, "loss": step()}), flush=True)

main()
