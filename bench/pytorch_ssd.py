"""The lesson's SSD_MultiHead and ssd_loss in PyTorch (pascal-multi.ipynb), shared by the bench's PyTorch rows:
pytorch_step.py (ms per training step) and pytorch_map.py (time to mAP on cached features)."""
import numpy as np
import torch, torch.nn as nn, torch.nn.functional as F

N_CLS, K = 20, 9


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
    def __init__(self, k, nin, bias, n_cls=N_CLS):
        super().__init__(); self.k = k
        self.oconv1 = nn.Conv2d(nin, (n_cls + 1) * k, 3, padding=1)
        self.oconv2 = nn.Conv2d(nin, 4 * k, 3, padding=1)
        self.oconv1.bias.data.zero_().add_(bias)
    def forward(self, x): return [flatten_conv(self.oconv1(x), self.k), flatten_conv(self.oconv2(x), self.k)]


class SSD_MultiHead(nn.Module):
    """SSD_MultiHead(k, bias) of the lesson, on `c` input channels with hidden width `width`, dropout `drop`."""
    def __init__(self, c, width=256, drop=0.4, k=K, bias=-4.):
        super().__init__()
        self.drop = nn.Dropout(drop)
        self.sconv0 = StdConv(c, width, stride=1, drop=drop)
        self.sconv1 = StdConv(width, width, drop=drop); self.sconv2 = StdConv(width, width, drop=drop)
        self.sconv3 = StdConv(width, width, drop=drop)
        self.out1 = OutConv(k, width, bias); self.out2 = OutConv(k, width, bias); self.out3 = OutConv(k, width, bias)
    def forward(self, x):
        x = self.drop(F.relu(x)); x = self.sconv0(x); x = self.sconv1(x)
        o1c, o1l = self.out1(x); x = self.sconv2(x); o2c, o2l = self.out2(x); x = self.sconv3(x); o3c, o3l = self.out3(x)
        return [torch.cat([o1c, o2c, o3c], dim=1), torch.cat([o1l, o2l, o3l], dim=1)]


# anchors: grids [4,2,1] x zooms [0.7,1,1.3] x ratios [(1,1),(1,.5),(.5,1)] (lesson §1.9)
anc_grids, anc_zooms, anc_ratios = [4, 2, 1], [0.7, 1., 1.3], [(1., 1.), (1., 0.5), (0.5, 1.)]
anchor_scales = [(anz * i, anz * j) for anz in anc_zooms for (i, j) in anc_ratios]
anc_offsets = [1 / (o * 2) for o in anc_grids]
anc_x = np.concatenate([np.repeat(np.linspace(ao, 1 - ao, ag), ag) for ao, ag in zip(anc_offsets, anc_grids)])
anc_y = np.concatenate([np.tile(np.linspace(ao, 1 - ao, ag), ag) for ao, ag in zip(anc_offsets, anc_grids)])
anc_ctrs = np.repeat(np.stack([anc_x, anc_y], axis=1), K, axis=0)
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
def focal_weight(x, t, alpha=0.25, gamma=1):  # FocalLoss.get_weight (not detached, as in the lesson)
    p = x.sigmoid(); pt = p * t + (1 - p) * (1 - t); w = alpha * t + (1 - alpha) * (1 - t)
    return w * (1 - pt).pow(gamma)
def bce(x, t, focal):  # summed BCE, focal-weighted with gradients through the weight (PyTorch 0.3's behaviour)
    l = F.binary_cross_entropy_with_logits(x, t, reduction="none")
    return (l * focal_weight(x, t)).sum() if focal else l.sum()
def loss_f(pred, targ, focal=False):
    t = one_hot_embedding(targ, N_CLS + 1)[:, :-1].contiguous(); x = pred[:, :-1]
    return bce(x, t, focal) / N_CLS
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
def ssd_1_loss(b_c, b_bb, bbox, clas, focal=False):
    bbox, clas = get_y(bbox, clas); a_ic = actn_to_bb(b_bb, anchors)
    overlaps = jaccard(bbox.data, anchor_cnr.data); gt_overlap, gt_idx = map_to_ground_truth(overlaps)
    gt_clas = clas[gt_idx]; pos = gt_overlap > 0.4; pos_idx = torch.nonzero(pos)[:, 0]
    gt_clas[~pos] = N_CLS; gt_bbox = bbox[gt_idx]
    loc_loss = ((a_ic[pos_idx] - gt_bbox[pos_idx]).abs()).mean()
    return loc_loss, loss_f(b_c, gt_clas, focal)
def ssd_loss(pred, targ, focal=False):
    lcs, lls = 0., 0.
    for b_c, b_bb, bbox, clas in zip(*pred, *targ):
        loc_loss, clas_loss = ssd_1_loss(b_c, b_bb, bbox, clas, focal); lls += loc_loss; lcs += clas_loss
    return lls + lcs
def ssd_loss_batched(pred, targ, focal=False):  # the same maths, matching done per image but losses in one go
    b_c, b_bb = pred; bbox, clas = targ
    gt_c, gt_b, posm = [], [], []
    for bb_i, cl_i in zip(bbox, clas):
        bb_i, cl_i = get_y(bb_i, cl_i); ov, ix = map_to_ground_truth(jaccard(bb_i, anchor_cnr))
        pos = ov > 0.4; g = cl_i[ix].clone(); g[~pos] = N_CLS; gt_c.append(g); gt_b.append(bb_i[ix]); posm.append(pos)
    gt_c, gt_b, posm = torch.stack(gt_c), torch.stack(gt_b), torch.stack(posm).float()
    a_ic = torch.stack([actn_to_bb(x, anchors) for x in b_bb])
    loc = (((a_ic - gt_b).abs().sum(2) * posm).sum(1) / (posm.sum(1).clamp(min=1) * 4)).sum()
    t = one_hot_embedding(gt_c.view(-1), N_CLS + 1)[:, :-1]
    x = b_c.view(-1, N_CLS + 1)[:, :-1]
    clas_l = bce(x, t, focal) / N_CLS
    return loc + clas_l
