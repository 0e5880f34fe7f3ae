"""Reads the functional-API guide's printed summaries, for comparing our output with it."""
import pathlib
import re

GUIDE = pathlib.Path(__file__).resolve().parents[2] / "shared" / "mission" / "functional-api-guide.txt"
_NUMBERED = re.compile(r"\b([a-z][a-z0-9_]*?)_\d+\b")


def guide_summaries():
    """[(model name, [the summary's lines])] for every `Model: "..."` block in the guide, in order."""
    lines = GUIDE.read_text(encoding="utf-8").splitlines()
    found = []
    for i, line in enumerate(lines):
        if line.startswith('Model: "'):
            end = i + 1
            while end < len(lines) and not lines[end].startswith(" Non-trainable params:"):
                end += 1
            found.append((line[len('Model: "'):-1], lines[i:end + 1]))
    return found


def guide_summary(name, occurrence=0):
    return [lines for model, lines in guide_summaries() if model == name][occurrence]


def normalize(lines):
    """Rows as lists of stripped cells, with layer-name numbering (`dense_12`) removed."""
    out = []
    for line in lines:
        if line and line[0] in "│┃":
            out.append([_NUMBERED.sub(r"\1", cell.strip()) for cell in re.split(r"[│┃]", line)[1:-1]])
        else:
            out.append(line)
    return out
