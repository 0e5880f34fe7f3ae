"""CTC decoding on the host (greedy and prefix beam search), shared by the backends that decode in NumPy."""
import numpy as np


def decode(inputs, lengths, strategy, beam_width, top_paths, merge_repeated, mask_index):
    """inputs (batch, time, classes) scores as a NumPy array -> (paths (top_paths, batch, time), scores)."""
    if strategy == "greedy":
        return _greedy_decode(inputs, lengths, merge_repeated, mask_index)
    shifted = inputs - np.max(inputs, axis=-1, keepdims=True)
    logp = shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))
    batch, time, _ = inputs.shape
    paths = np.full((top_paths, batch, time), -1, dtype=np.int32)
    scores = np.full((batch, top_paths), -np.inf, dtype=inputs.dtype)
    for b in range(batch):
        for i, (prefix, score) in enumerate(_beam_search(logp[b], lengths[b], beam_width, top_paths, mask_index)):
            paths[i, b, :len(prefix)] = prefix
            scores[b, i] = score
    return paths, scores


def _greedy_decode(scores, lengths, merge_repeated, mask_index):
    batch, time, _ = scores.shape
    best = np.argmax(scores, axis=-1)
    total = -np.sum(np.where(np.arange(time) < lengths[:, None], np.max(scores, axis=-1), 0), axis=1)
    paths = np.full((1, batch, time), -1, dtype=np.int32)
    for b in range(batch):
        steps = best[b, :lengths[b]]
        if merge_repeated and len(steps):
            steps = steps[np.concatenate([[True], steps[1:] != steps[:-1]])]
        steps = steps[steps != mask_index]
        paths[0, b, :len(steps)] = steps
    return paths, total[:, None].astype(scores.dtype)


def _beam_search(logp, length, beam_width, top_paths, mask_index):
    """CTC prefix beam search on one sequence: [(prefix, log-probability)] best first."""
    beams = {(): (0.0, -np.inf)}  # prefix -> (log p ending in blank, log p ending in a label)
    for t in range(length):
        step = logp[t]
        grown = {}

        def add(prefix, blank, label):
            old_blank, old_label = grown.get(prefix, (-np.inf, -np.inf))
            grown[prefix] = (np.logaddexp(old_blank, blank), np.logaddexp(old_label, label))

        for prefix, (p_blank, p_label) in beams.items():
            total = np.logaddexp(p_blank, p_label)
            add(prefix, total + step[mask_index], -np.inf)
            for c in range(len(step)):
                if c == mask_index:
                    continue
                if prefix and prefix[-1] == c:
                    add(prefix, -np.inf, p_label + step[c])  # repeat merges into the same label
                    add(prefix + (c,), -np.inf, p_blank + step[c])  # a blank separated the repeat
                else:
                    add(prefix + (c,), -np.inf, total + step[c])
        ranked = sorted(grown.items(), key=lambda item: -np.logaddexp(*item[1]))
        beams = dict(ranked[:beam_width])
    ranked = sorted(((p, float(np.logaddexp(*s))) for p, s in beams.items()), key=lambda item: -item[1])
    return ranked[:top_paths]
